// personalign web page: log in with an API key, chat with streaming, compare two answers, rate or
// edit an answer, see the weights feedback taught, and manage preferences. Plain JS against the server's own JSON API; the key lives
// in sessionStorage only (gone when the tab closes) and is sent as a Bearer header, never a cookie.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { key: null, me: null, messages: [], interactionId: null, answers: [] };

function setStatus(text, ok = false) {
  $("status").textContent = text;
  $("status").className = ok ? "ok" : "";
}

function currentUser() {
  if (state.me && state.me.role === "admin") return $("as-user").value.trim() || null;
  return state.me ? state.me.user : null;
}

async function api(method, path, body) {
  const opts = { method, headers: { Authorization: "Bearer " + state.key } };
  if (body !== undefined) {
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  const res = await fetch(path, opts);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((data.error && data.error.message) || res.status + " " + res.statusText);
  return data;
}

// ------------------------------------------------------------------------------------ login
async function login(key) {
  state.key = key;
  try {
    state.me = await api("GET", "/v1/me");
  } catch (err) {
    state.key = null;
    setStatus("Login failed: " + err.message);
    return;
  }
  sessionStorage.setItem("personalign-key", key);
  $("key").value = "";
  $("login-form").hidden = true;
  $("session").hidden = false;
  $("as-user-label").hidden = state.me.role !== "admin";
  $("whoami").textContent = state.me.role === "admin" ? "admin" : "user " + state.me.user;
  $("app").hidden = false;
  setStatus("Logged in (model " + state.me.model + ")", true);
  await loadPreferences();
  await loadWeights();
}

function logout() {
  sessionStorage.removeItem("personalign-key");
  Object.assign(state, { key: null, me: null, messages: [], interactionId: null, answers: [] });
  $("app").hidden = true;
  $("session").hidden = true;
  $("login-form").hidden = false;
  $("conversation").replaceChildren();
  $("answers").replaceChildren();
  $("weights").replaceChildren();
  setStatus("");
}

// ------------------------------------------------------------------------------------ chat
function addTurn(role, text) {
  const div = document.createElement("div");
  div.className = "turn " + role;
  div.textContent = text;
  $("conversation").append(div);
  return div;
}

function answerBox(index, label) {
  const box = document.createElement("div");
  box.className = "answer";
  box.dataset.index = index;
  const h = document.createElement("h3");
  h.textContent = label;
  const text = document.createElement("div");
  text.className = "text";
  const pick = document.createElement("button");
  pick.type = "button";
  pick.id = "pick-" + index;
  pick.textContent = "This one is better";
  pick.disabled = true;
  pick.addEventListener("click", () => choose(index));
  box.append(h, text, pick);
  $("answers").append(box);
  return box;
}

// Reads an OpenAI-style server-sent event stream, calling onChunk for every JSON chunk.
async function readEvents(res, onChunk) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      for (const line of event.split("\n")) {
        if (!line.startsWith("data: ")) continue;
        const data = line.slice(6);
        if (data === "[DONE]") return;
        onChunk(JSON.parse(data));
      }
    }
  }
}

async function send(event) {
  event.preventDefault();
  const text = $("message").value.trim();
  if (!text) return;
  const user = currentUser();
  if (state.me.role === "admin" && !user) { setStatus("Name the user to act for."); return; }
  const compare = $("compare").checked;
  const body = {
    messages: state.messages.concat([{ role: "user", content: text }]),
    stream: true,
    n: compare ? 2 : 1,
    max_tokens: Number($("max-tokens").value) || 64,
  };
  if (state.me.role === "admin") body.user = user;
  if ($("strategy").value) body.personalign = { strategy: $("strategy").value };

  $("send").disabled = true;
  $("feedback").hidden = true;
  $("answers").replaceChildren();
  $("captured").replaceChildren();
  $("captured").hidden = true;
  state.interactionId = null;
  state.answers = compare ? ["", ""] : [""];
  const boxes = state.answers.map((_, i) => answerBox(i, compare ? (i === 0 ? "Answer A" : "Answer B") : "Answer"));
  if (!compare) boxes[0].querySelector("button").hidden = true;
  // A rating is on answer A (the personalized one) when two are shown.
  document.querySelectorAll(".thumb-what").forEach((el, i) => {
    el.textContent = (compare ? "A is " : "") + (i === 0 ? "good" : "bad");
  });
  addTurn("user", text);
  $("message").value = "";
  setStatus("Generating…", true);
  try {
    const res = await fetch("/v1/chat/completions", {
      method: "POST",
      headers: { Authorization: "Bearer " + state.key, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      const data = await res.json().catch(() => ({}));
      throw new Error((data.error && data.error.message) || String(res.status));
    }
    let info = null;
    await readEvents(res, (chunk) => {
      if (chunk.error) throw new Error(chunk.error.message);
      for (const choice of chunk.choices || []) {
        const piece = choice.delta && choice.delta.content;
        if (piece) {
          state.answers[choice.index] += piece;
          boxes[choice.index].querySelector(".text").textContent = state.answers[choice.index];
        }
      }
      if (chunk.personalign) info = chunk.personalign;
    });
    state.messages = body.messages.concat([{ role: "assistant", content: state.answers[0] }]);
    state.assistantTurn = addTurn("assistant", state.answers[0]);
    state.interactionId = info ? info.interaction_id : null;
    const how = info ? info.strategy + (info.alt_strategy ? " vs " + info.alt_strategy : "") +
      (info.preference ? " — preference from " + info.preference_source : " — no preference") : "";
    setStatus("Done: " + how, true);
    showCaptured(info ? info.captured || [] : []);
    if (state.interactionId !== null) {
      boxes.forEach((b) => { b.querySelector("button").disabled = false; });
      $("edit-text").value = state.answers[0];
      $("feedback-status").textContent = "";
      $("feedback").hidden = false;
    }
  } catch (err) {
    setStatus("Error: " + err.message);
  } finally {
    $("send").disabled = false;
  }
}

// What the message stated about the user and memory kept, each with an undo.
function showCaptured(items) {
  const list = $("captured");
  list.replaceChildren();
  for (const c of items) {
    const li = document.createElement("li");
    const text = document.createElement("span");
    if (c.action === "refused") {
      text.textContent = "Not remembered: \u201c" + c.text + "\u201d (" + c.reason + ")";
      li.append(text);
    } else {
      text.textContent = (c.action === "merged" ? "Already known: \u201c" : "Remembered: \u201c") + c.text + "\u201d" +
        (c.superseded.length ? " (replaces #" + c.superseded.join(", #") + ")" : "");
      const undo = document.createElement("button");
      undo.type = "button";
      undo.textContent = "Undo";
      undo.addEventListener("click", () => undoCaptured(c.preference_id, li));
      li.append(text, undo);
    }
    list.append(li);
  }
  list.hidden = !items.length;
  if (items.some((c) => c.action !== "refused")) loadPreferences();
}

async function undoCaptured(id, li) {
  try {
    const res = await api("POST", "/v1/users/" + encodeURIComponent(currentUser()) + "/preferences/" + id + "/undo");
    li.replaceChildren("Forgotten #" + id + (res.restored.length ? "; restored #" + res.restored.map((p) => p.id).join(", #") : ""));
  } catch (err) {
    setStatus("Undo failed: " + err.message);
  }
  await loadPreferences();
}

async function sendFeedback(fields, done) {
  if (state.interactionId === null) return;
  const body = Object.assign({ interaction_id: state.interactionId }, fields);
  if (state.me.role === "admin") body.user = currentUser();
  try {
    const rec = await api("POST", "/v1/feedback", body);
    $("feedback-status").textContent = done + " (feedback #" + rec.feedback_id + ")";
    if (rec.inferred.length) await loadPreferences();
    await loadWeights();
  } catch (err) {
    setStatus("Feedback failed: " + err.message);
  }
}

async function choose(index) {
  document.querySelectorAll(".answer").forEach((b) => {
    b.classList.toggle("chosen", Number(b.dataset.index) === index);
    b.querySelector("button").disabled = true;
  });
  // The conversation continues from the answer the user preferred.
  state.messages[state.messages.length - 1].content = state.answers[index];
  if (state.assistantTurn) state.assistantTurn.textContent = state.answers[index];
  await sendFeedback({ choice: index === 0 ? "A" : "B" }, "Picked answer " + (index === 0 ? "A" : "B"));
}

// ------------------------------------------------------------------------------------ preferences
async function loadPreferences() {
  const user = currentUser();
  const list = $("pref-list");
  list.replaceChildren();
  if (!user) return;
  let data;
  try {
    data = await api("GET", "/v1/users/" + encodeURIComponent(user) + "/preferences?history=" + $("pref-history").checked);
  } catch (err) {
    setStatus("Preferences: " + err.message);
    return;
  }
  for (const p of data.preferences) {
    const li = document.createElement("li");
    li.className = p.status;
    li.dataset.id = p.id;
    const text = document.createElement("span");
    text.className = "text";
    text.textContent = p.text;
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = "#" + p.id + " " + p.kind + (p.dimension ? " " + p.dimension + "/" + p.pole : "") +
      (p.status !== "active" ? " · " + p.status : "") + (p.superseded_by ? " by #" + p.superseded_by : "");
    li.append(text, meta);
    if (p.status === "active") {
      const retract = document.createElement("button");
      retract.type = "button";
      retract.textContent = "Retract";
      retract.addEventListener("click", () => retractPreference(p.id));
      li.append(retract);
    }
    list.append(li);
  }
  if (!data.preferences.length) {
    const li = document.createElement("li");
    li.textContent = "No preferences yet.";
    list.append(li);
  }
}

// The dimension weights the user's feedback taught (GET /v1/users/{user}/weights), with the pole each
// steers toward when it is strong enough to become a decoding term.
async function loadWeights() {
  const table = $("weights");
  table.replaceChildren();
  const user = currentUser();
  if (!user) return;
  let data;
  try {
    data = await api("GET", "/v1/users/" + encodeURIComponent(user) + "/weights");
  } catch (err) {
    if (state.me.role !== "admin") setStatus("Learned weights: " + err.message);
    return;
  }
  if (!data.weights) {
    const row = table.insertRow();
    row.insertCell().textContent = "Nothing learned yet.";
    return;
  }
  for (const [dim, w] of Object.entries(data.weights)) {
    const row = table.insertRow();
    row.dataset.dimension = dim;
    row.insertCell().textContent = dim;
    const value = row.insertCell();
    value.className = "value";
    value.textContent = (w >= 0 ? "+" : "") + w.toFixed(2);
    const steer = row.insertCell();
    steer.className = "steer";
    const term = data.steering[dim];
    steer.textContent = term ? "\u2192 " + term.pole + " (" + term.term_weight.toFixed(2) + ")" : "not steering";
  }
  const caption = table.createCaption();
  caption.className = "hint";
  caption.textContent = "from " + data.observations + " observation" + (data.observations === 1 ? "" : "s");
}

async function addPreference(event) {
  event.preventDefault();
  const text = $("pref-text").value.trim();
  const user = currentUser();
  if (!text || !user) return;
  const body = { text };
  if ($("pref-scope").value) body.scope = $("pref-scope").value;
  try {
    const res = await api("POST", "/v1/users/" + encodeURIComponent(user) + "/preferences", body);
    $("pref-text").value = "";
    setStatus("Preference " + res.action + (res.superseded.length ? "; superseded #" + res.superseded.join(", #") : ""), true);
  } catch (err) {
    setStatus("Preference refused: " + err.message);
  }
  await loadPreferences();
}

async function retractPreference(id) {
  try {
    await api("DELETE", "/v1/users/" + encodeURIComponent(currentUser()) + "/preferences/" + id);
    setStatus("Retracted #" + id, true);
  } catch (err) {
    setStatus("Retract failed: " + err.message);
  }
  await loadPreferences();
}

// ------------------------------------------------------------------------------------ wiring
document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", (e) => { e.preventDefault(); login($("key").value.trim()); });
  $("logout").addEventListener("click", logout);
  $("chat-form").addEventListener("submit", send);
  $("message").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("chat-form").requestSubmit(); }
  });
  $("new-chat").addEventListener("click", () => {
    state.messages = [];
    state.interactionId = null;
    $("conversation").replaceChildren();
    $("answers").replaceChildren();
    $("feedback").hidden = true;
  });
  $("thumb-up").addEventListener("click", () => sendFeedback({ rating: 5 }, "Rated good"));
  $("thumb-down").addEventListener("click", () => sendFeedback({ rating: 1 }, "Rated bad"));
  $("save-edit").addEventListener("click", () => {
    const text = $("edit-text").value.trim();
    if (text) sendFeedback({ edit: text }, "Edit saved");
  });
  $("pref-form").addEventListener("submit", addPreference);
  $("pref-history").addEventListener("change", loadPreferences);
  $("as-user").addEventListener("change", loadPreferences);
  $("as-user").addEventListener("change", loadWeights);
  const saved = sessionStorage.getItem("personalign-key");
  if (saved) login(saved);
});
