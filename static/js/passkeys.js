// Passkeys (WebAuthn): ask the browser, hand its answer to the form. No inline script
// (CSP): the options come from a json_script element the server rendered, the texts
// from data- attributes (translated by the template), and the server checks everything.
//
// [data-passkey-get]: sign with a passkey (sign-in's second step, re-authentication).
//   Its button fills the form's hidden "passkey" field; with data-submit the form is then
//   sent at once.
// [data-passkey-create]: make a passkey; fills the hidden "credential" field and sends.
// Without WebAuthn (an old browser, or not a secure context) they stay hidden and the
// code from the authenticator app remains.
"use strict";

(function () {
  if (!window.PublicKeyCredential || !navigator.credentials) {
    return;
  }

  const toBytes = (text) => {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "===".slice((base64.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
  };
  const toText = (buffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buffer)))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
  const withIds = (list) => (list || []).map((entry) => ({ ...entry, id: toBytes(entry.id) }));

  function options(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function answer(credential) {
    const response = credential.response;
    const json = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment,
      response: { clientDataJSON: toText(response.clientDataJSON) },
    };
    if (response.attestationObject) {
      json.response.attestationObject = toText(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = toText(response.authenticatorData);
      json.response.signature = toText(response.signature);
      if (response.userHandle) {
        json.response.userHandle = toText(response.userHandle);
      }
    }
    return JSON.stringify(json);
  }

  function setUp(box, ask) {
    const form = box.closest("form");
    const field = form.querySelector(box.dataset.field);
    const status = box.querySelector("[data-passkey-status]");
    box.hidden = false;
    const button = box.querySelector("[data-passkey-button]");
    button.addEventListener("click", async () => {
      status.textContent = box.dataset.messageWaiting;
      try {
        field.value = answer(await ask());
      } catch (error) {
        status.textContent = box.dataset.messageFailed;
        return;
      }
      // One answer per challenge: the button has done its part.
      button.disabled = true;
      status.textContent = box.dataset.messageReady;
      if (box.dataset.submit === "true") {
        form.submit();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const note of document.querySelectorAll(".passkey-unsupported")) {
      note.hidden = true;
    }
    const request = options("passkey-request-options");
    for (const box of document.querySelectorAll("[data-passkey-get]")) {
      if (!request) continue;
      setUp(box, () =>
        navigator.credentials.get({
          publicKey: {
            ...request,
            challenge: toBytes(request.challenge),
            allowCredentials: withIds(request.allowCredentials),
          },
        }),
      );
    }
    const creation = options("passkey-creation-options");
    for (const box of document.querySelectorAll("[data-passkey-create]")) {
      if (!creation) continue;
      setUp(box, () =>
        navigator.credentials.create({
          publicKey: {
            ...creation,
            challenge: toBytes(creation.challenge),
            user: { ...creation.user, id: toBytes(creation.user.id) },
            excludeCredentials: withIds(creation.excludeCredentials),
          },
        }),
      );
    }
  });
})();
