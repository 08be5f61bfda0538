"""Shared fixtures. No test touches the hub: HF_HUB_OFFLINE is forced before transformers loads."""
import importlib.util
import os
import sys
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

import pytest  # noqa: E402

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "shared")
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="session")
def load_benchmark():
    """load("faithfulness") imports benchmarks/faithfulness.py as a module (the benchmarks are scripts, not a
    package), once per session."""
    loaded = {}

    def load(name: str):
        if name not in loaded:
            spec = importlib.util.spec_from_file_location(f"{name}_benchmark", BENCHMARKS / f"{name}.py")
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
            spec.loader.exec_module(module)
            loaded[name] = module
        return loaded[name]

    yield load
    for name in loaded:
        sys.modules.pop(f"{name}_benchmark", None)


@pytest.fixture(scope="session")
def tiny_tok():
    from personalign.models.tiny import tiny_tokenizer

    return tiny_tokenizer()


@pytest.fixture(scope="session")
def tiny_base(tiny_tok):
    from personalign.models.tiny import tiny_llama

    return tiny_llama(tiny_tok, seed=0)


@pytest.fixture(scope="session")
def tiny_other(tiny_tok):
    """A second model with the same tokenizer and different weights (a separate PersRM/reference)."""
    from personalign.models.tiny import tiny_llama

    return tiny_llama(tiny_tok, seed=1)


@pytest.fixture(scope="session")
def tiny_dir(tmp_path_factory, tiny_base) -> str:
    """The tiny base model saved to disk, for the CLI and `personalign serve` (`--model DIR`)."""
    from personalign.models.tiny import save_tiny

    return str(save_tiny(tiny_base, tmp_path_factory.mktemp("tiny-model") / "tiny"))


@pytest.fixture(scope="module")
def persrm(tiny_base):
    """A PersRM over the tiny base that looks trained: random LoRA weights, value head moved off identity."""
    import torch

    from personalign.rewards.persrm import PersRM

    rm = PersRM.create(tiny_base)
    torch.manual_seed(5)
    with torch.no_grad():
        for p in rm.lora_parameters():
            p.normal_(0.0, 0.3)
        rm.model.value_head.weight.add_(0.2 * torch.randn_like(rm.model.value_head.weight))
    rm.model.eval()
    return rm


@pytest.fixture
def eos_bias():
    """`eos_bias(model, eos_id, bias)`: a copy of a LoadedModel whose next-token logit for EOS is shifted by `bias`
    (a base that keeps EOS out of its top-k, a reward model that leans toward ending)."""
    import copy

    import torch

    def shifted(model, eos_id: int, bias: float):
        out = copy.deepcopy(model)
        add = torch.zeros(out.model.config.vocab_size)
        add[eos_id] = bias
        out.model.get_output_embeddings().register_forward_hook(lambda _m, _i, logits: logits + add)
        return out

    return shifted


@pytest.fixture
def run_cli(capsys):
    """`personalign ARGS...` in this process: run_cli(args) -> (exit code, stdout, stderr)."""
    from personalign.cli.main import main

    def run(args):
        try:
            main(args)
            code = 0
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture(scope="session")
def embedded():
    """The real embedded SmolLM2 model (integration tests only)."""
    from personalign.models import load

    return load("smollm2-135m-instruct", device="cpu", dtype="float32")


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    # Tests never write into the user's data dir; the model cache stays shared so the GGUF
    # conversion happens once per machine.
    data = tmp_path_factory.mktemp("xdg_data")
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.delenv("PERSONALIGN_DB", raising=False)
