// eventwire reader: send an analyst's correction of an event to POST /api/corrections
// with the server's write token (kept for this tab only), then reload to show it.
// Never inserts markup: messages are set as text.
"use strict";

function correctionBody(form) {
  const data = new FormData(form);
  const body = { article_id: form.dataset.article, event_id: form.dataset.event, flag: data.get("flag") || "fix" };
  for (const key of ["type", "status", "date", "note"]) {
    const value = String(data.get(key) || "").trim();
    if (value) body[key] = value;
  }
  for (const key of ["source", "target"]) {
    const value = String(data.get(key) || "").trim();
    if (value) body[key] = value.split(";").map((s) => s.trim()).filter(Boolean);
  }
  return body;
}

async function sendCorrection(form) {
  const out = form.querySelector("output");
  const tokenInput = form.elements.namedItem("token");
  const token = tokenInput.value.trim() || sessionStorage.getItem("eventwire-token") || "";
  if (!token) { out.textContent = "The write token is required."; return; }
  out.textContent = "Saving…";
  const response = await fetch("/api/corrections", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
    body: JSON.stringify(correctionBody(form)),
  });
  if (response.status === 201) {
    sessionStorage.setItem("eventwire-token", token);
    window.location.reload();
    return;
  }
  let reason = response.statusText;
  try {
    const detail = (await response.json()).detail;
    reason = typeof detail === "string" ? detail : JSON.stringify(detail);
  } catch (e) { /* not JSON: keep the status text */ }
  out.textContent = "Not saved (" + response.status + "): " + reason;
}

document.addEventListener("DOMContentLoaded", () => {
  // typing or clicking in a form is not selecting its event (app.js selects on click/space)
  for (const box of document.querySelectorAll("details.correct")) {
    box.addEventListener("click", (e) => e.stopPropagation());
    box.addEventListener("keydown", (e) => e.stopPropagation());
  }
  for (const form of document.querySelectorAll("form.correction-form")) {
    const tokenInput = form.elements.namedItem("token");
    if (sessionStorage.getItem("eventwire-token")) tokenInput.placeholder = "remembered for this tab";
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      sendCorrection(form).catch((e) => { form.querySelector("output").textContent = "Not saved: " + e; });
    });
  }
});
