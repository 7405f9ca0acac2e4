// Tidings works without this script. With it, votes count without reloading
// the page: the same form is sent in the background and the counts updated.
"use strict";
document.addEventListener("submit", async (ev) => {
  const form = ev.target;
  if (!(form instanceof HTMLFormElement) || !form.closest(".vote")) return;
  const button = ev.submitter;
  if (!button || button.name !== "score") return;
  ev.preventDefault();
  const body = new URLSearchParams(new FormData(form));
  body.set("score", button.value);
  let res;
  try {
    res = await fetch(form.action, {
      method: "POST", body, credentials: "same-origin",
      headers: { "Accept": "application/json" },
    });
  } catch {
    // Offline or blocked: send the plain form, which submit() does without
    // coming back through this handler.
    const score = document.createElement("input");
    score.type = "hidden";
    score.name = "score";
    score.value = button.value;
    form.append(score);
    form.submit();
    return;
  }
  if (res.redirected) {
    window.location.href = res.url; // the log-in page
    return;
  }
  if (!res.ok) {
    // Refused (the post is gone, say): let the plain form show the message.
    const score = document.createElement("input");
    score.type = "hidden";
    score.name = "score";
    score.value = button.value;
    form.append(score);
    form.submit();
    return;
  }
  const data = await res.json();
  const up = form.querySelector("button.up");
  const down = form.querySelector("button.down");
  form.querySelector(".score").textContent = data.score;
  form.querySelector(".score").title = `${data.upvotes} up, ${data.downvotes} down`;
  up.classList.toggle("on", data.my_vote === 1);
  down.classList.toggle("on", data.my_vote === -1);
  up.setAttribute("aria-pressed", String(data.my_vote === 1));
  down.setAttribute("aria-pressed", String(data.my_vote === -1));
  up.value = data.my_vote === 1 ? "0" : "1";
  down.value = data.my_vote === -1 ? "0" : "-1";
  const points = form.closest("li.comment")?.querySelector(":scope > .comment-head .points");
  if (points) points.textContent = `${data.score} point${Math.abs(data.score) === 1 ? "" : "s"}`;
});

// The sort menu is a GET form with a Show button, for pages without this
// script; with it, choosing a sort is enough.
for (const form of document.querySelectorAll("form.sort-form")) {
  form.classList.add("auto");
  form.addEventListener("change", () => form.requestSubmit());
}

// "share" is a plain link to the permalink; where the browser has a share
// sheet (phones, mostly), open that instead.
document.addEventListener("click", async (ev) => {
  const link = ev.target instanceof Element ? ev.target.closest("a.share") : null;
  if (!link || !navigator.share) return;
  ev.preventDefault();
  try {
    await navigator.share({ url: link.href, title: document.title });
  } catch {
    // Dismissed: nothing to do.
  }
});

// A text box's picture field is sent with the form and its picture placed
// at the text's end. With this script, a button beside the text box
// uploads the picture at once and puts its markdown where the cursor is.
for (const file of document.querySelectorAll('input[type="file"][name="body_image"]')) {
  const text = file.form?.querySelector('textarea[name="body"]');
  if (!text) continue;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "upload-picture";
  button.textContent = "Insert a picture";
  const status = document.createElement("span");
  status.className = "upload-status";
  status.setAttribute("role", "status");
  text.after(button, status);
  button.addEventListener("click", () => file.click());
  file.addEventListener("change", async () => {
    if (!file.files.length) return;
    const body = new FormData();
    body.set("purpose", "markdown");
    body.set("image", file.files[0]);
    const at = text.selectionStart, end = text.selectionEnd;
    status.textContent = "Uploading…";
    let data;
    try {
      const res = await fetch("/settings/pictures", {
        method: "POST", body, credentials: "same-origin", headers: { "Accept": "application/json" },
      });
      data = await res.json();
    } catch {
      // Offline, or logged out (a page, not JSON): the form still sends it.
      status.textContent = "Not uploaded now; it is sent with the form.";
      return;
    }
    if (data.error) {
      status.textContent = data.error;
      file.value = "";
      return;
    }
    text.setRangeText(data.markdown, at, end, "end");
    text.focus();
    file.value = ""; // uploaded: not to be sent again with the form
    status.textContent = "Picture inserted.";
  });
}
