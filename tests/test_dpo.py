"""DPO loss and answer log-probabilities against hand computations."""
import math

import pytest
import torch

from personalign.models import render_chat
from personalign.rewards.dpo import answer_logps, build_batch, dpo_loss, split_pairs, token_logps_sum


def test_dpo_loss_matches_hand_computation():
    pc, pr = torch.tensor([-10.0, -4.0]), torch.tensor([-12.0, -3.0])
    rc, rr = torch.tensor([-11.0, -5.0]), torch.tensor([-11.5, -2.0])
    loss, margin = dpo_loss(pc, pr, rc, rr, beta=0.1)
    # pair 0: ((-10 + 11) - (-12 + 11.5)) = 1.5 → margin 0.15; pair 1: ((-4 + 5) - (-3 + 2)) = 2 → 0.2
    expected_margin = [0.15, 0.2]
    expected_loss = [math.log(1 + math.exp(-m)) for m in expected_margin]
    torch.testing.assert_close(margin, torch.tensor(expected_margin))
    torch.testing.assert_close(loss, torch.tensor(expected_loss))
    # beta scales the margin; a reversed preference gives the larger loss
    loss2, margin2 = dpo_loss(pr, pc, rr, rc, beta=1.0)
    torch.testing.assert_close(margin2, torch.tensor([-1.5, -2.0]))
    assert (loss2 > loss).all()


def test_token_logps_sum_masks_positions():
    logits = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 0.0, 0.0], [0.0, 0.0, 0.0]]])
    targets = torch.tensor([[2, 0, 1]])
    mask = torch.tensor([[1, 1, 0]])
    lse0, lse1 = math.log(1 + math.e + math.e ** 2), math.log(math.e ** 3 + 2)
    expected = (2 - lse0) + (3 - lse1)
    torch.testing.assert_close(token_logps_sum(logits, targets, mask), torch.tensor([expected]))


def test_build_batch_aligns_answers_and_masks_padding():
    batch = build_batch([[1, 2, 3], [4]], [[5, 6], [7]], [[8], [9, 10, 11]], pad_id=0)
    ids, mask, pos = batch.full_rows
    assert ids.tolist() == [
        [1, 2, 3, 5, 6, 0], [0, 0, 4, 7, 0, 0], [1, 2, 3, 8, 0, 0], [0, 0, 4, 9, 10, 11]]
    assert batch.answer_mask.tolist() == [[1, 1, 0], [1, 0, 0], [1, 0, 0], [1, 1, 1]]
    assert pos[1].tolist()[2:4] == [0, 1]
    assert batch.tokens == 5 + 2 + 4 + 4
    with pytest.raises(ValueError):
        build_batch([[1]], [[]], [[2]], pad_id=0)


def test_answer_logps_match_unpadded_per_token_loop(tiny_base):
    tok, model = tiny_base.tokenizer, tiny_base.model
    contexts = [render_chat(tok, "What is the capital of France?"), render_chat(tok, "Hi", system="Be brief.")]
    chosen = [tok("Paris.")["input_ids"] + [tok.eos_token_id], tok("Hello there, friend!")["input_ids"]]
    rejected = [tok("The sea is wide and deep and blue.")["input_ids"], tok("Yo")["input_ids"]]
    batch = build_batch(contexts, chosen, rejected, tok.pad_token_id)
    with torch.no_grad():
        shared = answer_logps(model, batch)
        plain = answer_logps(model, batch, share_context=False)
        got_c, got_r = split_pairs(shared)
        for ctx, answers, got in ((contexts, chosen, got_c), (contexts, rejected, got_r)):
            for i, (c, a) in enumerate(zip(ctx, answers)):
                total = 0.0
                for t, token in enumerate(a):  # one forward per token: obviously right, no padding anywhere
                    logits = model(torch.tensor([c + a[:t]])).logits[0, -1]
                    total += float(logits.log_softmax(-1)[token])
                assert float(got[i]) == pytest.approx(total, abs=1e-4)
    torch.testing.assert_close(shared, plain, atol=1e-4, rtol=1e-5)


def test_shared_context_gradients_equal_full_rows(tiny_tok):
    from personalign.models.tiny import tiny_llama
    from personalign.rewards.persrm import PersRM

    persrm = PersRM.create(tiny_llama(tiny_tok, seed=5))
    gen = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for p in persrm.lora_parameters():
            p.copy_(torch.randn(p.shape, generator=gen) * 0.1)
    tok = tiny_tok
    batch = build_batch([render_chat(tok, "Hi", system="Be brief."), render_chat(tok, "How do I bake bread?")],
                        [tok("Paris.")["input_ids"], tok("Mix flour and water.")["input_ids"]],
                        [tok("The sea is blue and wide.")["input_ids"], tok("No")["input_ids"]], tok.pad_token_id)
    grads = []
    for share in (True, False):
        persrm.model.zero_grad()
        for p in persrm.lora_parameters():
            p.requires_grad_(True)
        chosen, rejected = split_pairs(answer_logps(persrm.model, batch, share_context=share))
        (chosen - rejected).sum().backward()
        grads.append(torch.cat([p.grad.flatten() for p in persrm.lora_parameters()]))
    assert grads[0].abs().sum() > 0
    torch.testing.assert_close(grads[0], grads[1], atol=1e-5, rtol=1e-4)
