// RaidAssess behaviour. Everything works without it; no inline scripts anywhere (CSP).
"use strict";

// Checklist autosave: never lose typing.
//
// This script says when a save goes (the form's hx-trigger listens for its two events),
// keeps track of which answers the planner changed (the
// hidden `changed` field: the server saves only those, so a colleague's answers to
// other questions are never written back), keeps those answers in localStorage until
// the server confirms them (a crash, a closed tab or a lost connection loses nothing),
// and tells the planner what happened to their answers.
(function () {
  const CONTROL_FIELDS = new Set(["csrfmiddlewaretoken", "base_version", "changed", "keep_mine"]);
  const DRAFT_PREFIX = "raidassess:draft:";
  // Arrow keys in a radio group check every option they pass. A keyboard user on their
  // way to the fourth option has not chosen the first three: such a choice is saved
  // when they leave the group, or once they rest on it this long.
  const SETTLE_MS = 3000;
  const STEP_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

  function setUp(form) {
    const dirty = new Set();
    const draftKey = form.dataset.draftKey;
    // Translated by the template, like every text the planner reads.
    const MESSAGES = {
      offline: form.dataset.messageOffline,
      refused: form.dataset.messageRefused,
      signedOut: form.dataset.messageSignedOut,
      restored: form.dataset.messageRestored,
    };
    // Restricted answers (informants) never rest on the device, even unsaved.
    const noDraft = new Set((form.dataset.noDraftKeys || "").split(",").filter(Boolean));
    const changedInput = form.querySelector("#changed");
    let sent = null; // {key: value} of the request in flight
    let keptOff = false; // a colleague's change was kept off a field being typed in

    // Enabled only here: without JavaScript no `changed` is sent and the server
    // saves every answer of the section.
    changedInput.disabled = false;

    const baseInput = () => form.querySelector("#base-version");
    const conflictOpen = () => document.getElementById("conflict")?.dataset.open === "true";
    const valueOf = (key) => JSON.stringify(new FormData(form).getAll(key));

    function showStatus(text, kind) {
      const status = document.getElementById("save-status");
      const message = document.createElement("span");
      message.className = "save-state text-" + kind + "-emphasis";
      message.textContent = text;
      status.replaceChildren(message);
    }

    function readDraft() {
      try {
        return JSON.parse(localStorage.getItem(draftKey)) || null;
      } catch (error) {
        return null;
      }
    }

    function writeDraft() {
      try {
        if (!dirty.size) {
          localStorage.removeItem(draftKey);
          return;
        }
        const values = {};
        dirty.forEach((key) => {
          if (!noDraft.has(key)) values[key] = new FormData(form).getAll(key);
        });
        // The draft remembers the version its answers were typed over, so that a
        // colleague's later change to the same question comes back as a conflict.
        const previous = readDraft();
        const base = previous ? Math.min(previous.base_version, Number(baseInput().value)) : Number(baseInput().value);
        localStorage.setItem(draftKey, JSON.stringify({ base_version: base, values: values }));
      } catch (error) {
        // Storage full or disabled: autosave to the server still works.
      }
    }

    function markDirty(key) {
      dirty.add(key);
      changedInput.value = Array.from(dirty).join(",");
      writeDraft();
    }

    function forget(keys) {
      keys.forEach((key) => dirty.delete(key));
      changedInput.value = Array.from(dirty).join(",");
      writeDraft();
    }

    function fieldKey(target) {
      return target.name && !CONTROL_FIELDS.has(target.name) ? target.name : null;
    }

    // What the server holds for each answer, as far as this page knows: a field set
    // back to it, or a blur that fires `change` after a save, is not a change.
    const confirmed = {};
    new FormData(form).forEach((value, key) => (confirmed[key] = valueOf(key)));
    form.querySelectorAll("input[type=radio], input[type=checkbox]").forEach((box) => {
      if (!(box.name in confirmed)) confirmed[box.name] = valueOf(box.name);
    });

    // When to save. htmx waits a second after the last `autosave-typed` (typing) and
    // saves at once on `autosave-commit`: a box ticked, a radio clicked, a text left.
    let stepping = false; // an arrow key is down on a radio: its `change` is a step
    let held = null; // the radio group whose stepped-to choice waits to be saved
    let settle = null;

    function commit() {
      held = null;
      clearTimeout(settle);
      form.dispatchEvent(new Event("autosave-commit"));
    }

    function hold(name) {
      held = name;
      clearTimeout(settle);
      settle = setTimeout(commit, SETTLE_MS);
    }

    function schedule(event) {
      const control = event.target;
      const choice = control.type === "radio" || control.type === "checkbox";
      if (event.type === "input") {
        // Radios and boxes send `input` too: their `change` says when.
        if (!choice) form.dispatchEvent(new Event("autosave-typed"));
      } else if (control.type === "radio" && stepping) {
        hold(control.name);
      } else {
        commit();
      }
    }

    form.addEventListener(
      "keydown",
      (event) => (stepping = event.target.type === "radio" && STEP_KEYS.has(event.key)),
      true,
    );
    form.addEventListener("keyup", () => (stepping = false), true);
    form.addEventListener("pointerdown", () => (stepping = false), true);
    // Leaving the group saves the choice it holds; moving within it (focus goes from
    // radio to radio as the arrows move) does not.
    form.addEventListener("focusout", (event) => {
      if (!held || event.target.name !== held) return;
      const next = event.relatedTarget;
      if (next && next.form === form && next.name === held) return;
      commit();
    });

    // Capture phase, so that the key is marked before the save reads the form.
    ["input", "change"].forEach((type) =>
      form.addEventListener(
        type,
        (event) => {
          const key = fieldKey(event.target);
          if (!key) return;
          if (valueOf(key) !== confirmed[key]) markDirty(key);
          else if (dirty.has(key) && !sent) forget([key]);
          schedule(event);
        },
        true,
      ),
    );

    form.addEventListener("htmx:confirm", (event) => {
      const explicit = event.detail.triggeringEvent?.type === "submit";
      // While a conflict is open the planner decides; typing goes on into the draft.
      if (!explicit && (conflictOpen() || !dirty.size)) event.preventDefault();
    });

    form.addEventListener("htmx:beforeRequest", () => {
      sent = {};
      dirty.forEach((key) => (sent[key] = valueOf(key)));
      keptOff = false;
    });

    document.body.addEventListener("htmx:oobBeforeSwap", (event) => {
      const target = event.detail.target;
      if (target.classList.contains("checklist-item") && dirty.has(target.dataset.key)) {
        event.detail.shouldSwap = false; // never replace what the planner is typing
        keptOff = true;
      } else if (target.id === "base-version" && keptOff) {
        event.detail.shouldSwap = false;
      }
    });

    document.body.addEventListener("htmx:oobAfterSwap", (event) => {
      const key = event.detail.target.dataset?.key;
      if (key) confirmed[key] = valueOf(key); // a colleague's answer, now shown
    });

    form.addEventListener("htmx:beforeSwap", (event) => {
      const xhr = event.detail.xhr;
      // An expired session answers with the sign-in page, after a redirect.
      if (xhr.responseURL && new URL(xhr.responseURL).pathname !== form.getAttribute("hx-post")) {
        event.detail.shouldSwap = false;
        sent = null;
        showStatus(MESSAGES.signedOut, "danger");
      }
    });

    // Fired on the form once the answer is swapped in (events of the swap itself go to
    // #save-status, outside the form).
    form.addEventListener("htmx:afterRequest", (event) => {
      const state = document.querySelector("#save-status .save-state");
      if (event.detail.successful && sent && state) {
        const saved = (state.dataset.savedKeys || "").split(",").filter(Boolean);
        saved.forEach((key) => (confirmed[key] = sent[key]));
        // Keys typed into again while the request was on its way stay dirty.
        forget(saved.filter((key) => sent[key] === valueOf(key)));
      }
      sent = null;
    });

    form.addEventListener("htmx:sendError", () => showStatus(MESSAGES.offline, "danger"));
    form.addEventListener("htmx:timeout", () => showStatus(MESSAGES.offline, "danger"));
    form.addEventListener("htmx:responseError", () => showStatus(MESSAGES.refused, "danger"));
    window.addEventListener("online", () => {
      if (dirty.size && !conflictOpen()) form.requestSubmit();
    });

    // "Take theirs" reloads the page; the planner's answers to those questions go.
    document.addEventListener("click", (event) => {
      const link = event.target.closest("[data-conflict-action='take-theirs']");
      if (!link) return;
      const keys = (document.getElementById("conflict").dataset.keys || "").split(",");
      forget(keys.filter(Boolean));
    });

    // The page is going away (closed, reloaded, or hidden and perhaps killed): send
    // what is not saved yet. The answer cannot be read; the draft stays until a save
    // is confirmed, and saving the same answers twice changes nothing.
    function sendUnsaved() {
      if (dirty.size && !conflictOpen() && navigator.sendBeacon) {
        navigator.sendBeacon(form.getAttribute("hx-post"), new FormData(form));
      }
    }
    window.addEventListener("pagehide", sendUnsaved);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") sendUnsaved();
    });

    restoreDraft();

    function restoreDraft() {
      const draft = readDraft();
      if (!draft || !draft.values) return;
      const restored = Object.keys(draft.values).filter((key) => {
        const controls = form.querySelectorAll("[name='" + CSS.escape(key) + "']:not([disabled])");
        if (!controls.length || valueOf(key) === JSON.stringify(draft.values[key])) return false;
        controls.forEach((control) => {
          if (control.type === "radio" || control.type === "checkbox") {
            control.checked = draft.values[key].includes(control.value);
          } else {
            control.value = draft.values[key][0] ?? "";
          }
        });
        return true;
      });
      if (!restored.length) {
        writeDraft(); // the draft was saved already (by the beacon): drop it
        return;
      }
      baseInput().value = Math.min(draft.base_version, Number(baseInput().value));
      restored.forEach(markDirty);
      const notice = document.createElement("p");
      notice.className = "alert alert-info";
      notice.setAttribute("role", "status");
      notice.textContent = MESSAGES.restored;
      form.before(notice);
      form.requestSubmit();
    }
  }

  // Signing out leaves no answers behind on a shared computer.
  function forgetDrafts() {
    try {
      Object.keys(localStorage)
        .filter((key) => key.startsWith(DRAFT_PREFIX))
        .forEach((key) => localStorage.removeItem(key));
    } catch (error) {
      // Storage disabled: nothing was kept.
    }
  }

  // On a small screen the section list folds away above the questions.
  function foldOnSmallScreens() {
    if (!window.matchMedia("(max-width: 991.98px)").matches) return;
    document.querySelectorAll("details[data-fold-on-small-screens]").forEach((details) => {
      details.open = false;
    });
  }

  // A printed page shows everything: folded sections open for the printer, and close
  // again afterwards as they were.
  let foldedForPrint = [];
  window.addEventListener("beforeprint", () => {
    foldedForPrint = Array.from(document.querySelectorAll("details:not([open])"));
    foldedForPrint.forEach((details) => (details.open = true));
  });
  window.addEventListener("afterprint", () => {
    foldedForPrint.forEach((details) => (details.open = false));
    foldedForPrint = [];
  });

  document.addEventListener("DOMContentLoaded", () => {
    foldOnSmallScreens();
    document.querySelectorAll("form[data-autosave]").forEach(setUp);
    document.querySelectorAll("form[data-sign-out]").forEach((form) => form.addEventListener("submit", forgetDrafts));
  });
})();
