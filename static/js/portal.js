/* Mock API portal: progressive enhancement only. Every page works without it. */
(function () {
  "use strict";

  var T = {};
  try {
    T = JSON.parse(document.getElementById("portal-i18n").textContent);
  } catch (e) { /* strings fall back to the keys */ }
  function t(key) { return T[key] || key; }

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  /* ---------------- toasts ---------------- */
  function dismissToast(el) {
    el.classList.add("is-leaving");
    setTimeout(function () { el.remove(); }, 300);
  }
  function armToast(el) {
    var isError = el.classList.contains("toast--error");
    setTimeout(function () { if (el.isConnected) dismissToast(el); }, isError ? 10000 : 6000);
  }
  function toast(text, kind) {
    var box = $("#toasts");
    if (!box) return;
    var el = document.createElement("div");
    el.className = "toast toast--" + (kind || "info");
    var span = document.createElement("span");
    span.className = "toast__text";
    span.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "toast__close";
    close.setAttribute("data-dismiss-toast", "");
    close.setAttribute("aria-label", "×");
    close.textContent = "×";
    el.appendChild(span);
    el.appendChild(close);
    box.appendChild(el);
    armToast(el);
  }
  $$(".toast").forEach(armToast);
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-dismiss-toast]");
    if (btn) dismissToast(btn.closest(".toast"));
  });

  /* ---------------- modals ---------------- */
  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
  var openModalEl = null;
  var lastFocus = null;

  function openModal(modal, opener) {
    if (!modal) return;
    if (openModalEl) closeModal(openModalEl, true);
    lastFocus = opener || document.activeElement;
    modal.hidden = false;
    modal.setAttribute("aria-hidden", "false");
    // next frame, so the opacity transition runs
    requestAnimationFrame(function () { modal.classList.add("is-open"); });
    document.body.classList.add("has-modal");
    openModalEl = modal;
    var target = $("[data-autofocus]", modal) || $$(FOCUSABLE, $(".modal__dialog", modal))[0];
    setTimeout(function () { if (target) target.focus(); }, 30);
  }
  function closeModal(modal, keepFocus) {
    if (!modal) return;
    modal.classList.remove("is-open");
    modal.setAttribute("aria-hidden", "true");
    document.body.classList.remove("has-modal");
    openModalEl = null;
    setTimeout(function () { if (!modal.classList.contains("is-open")) modal.hidden = true; }, 300);
    if (!keepFocus && lastFocus && lastFocus.focus) lastFocus.focus();
  }
  document.addEventListener("keydown", function (ev) {
    if (!openModalEl) return;
    if (ev.key === "Escape") {
      ev.preventDefault();
      closeModal(openModalEl);
      return;
    }
    if (ev.key === "Tab") {
      var items = $$(FOCUSABLE, $(".modal__dialog", openModalEl)).filter(function (el) {
        return el.offsetParent !== null;
      });
      if (!items.length) return;
      var first = items[0], last = items[items.length - 1];
      if (ev.shiftKey && document.activeElement === first) { ev.preventDefault(); last.focus(); }
      else if (!ev.shiftKey && document.activeElement === last) { ev.preventDefault(); first.focus(); }
    }
  });
  document.addEventListener("click", function (ev) {
    var closer = ev.target.closest("[data-modal-close]");
    if (closer && openModalEl) { ev.preventDefault(); closeModal(openModalEl); return; }
    var opener = ev.target.closest("[data-modal-open]");
    if (opener) {
      ev.preventDefault();
      openModal(document.getElementById(opener.getAttribute("data-modal-open")), opener);
      return;
    }
    // Delete links: a confirmation modal instead of the confirmation page.
    var confirmLink = ev.target.closest("[data-confirm]");
    if (confirmLink) {
      var modal = document.getElementById("confirm-modal");
      if (!modal) return;
      ev.preventDefault();
      $("[data-confirm-title]", modal).textContent = confirmLink.getAttribute("data-confirm-title") || "";
      $("[data-confirm-text]", modal).textContent = confirmLink.getAttribute("data-confirm-text") || "";
      $("form", modal).setAttribute("action", confirmLink.getAttribute("data-confirm") || confirmLink.href);
      // The submit button says what happens ("Delete" unless the link says otherwise).
      var submit = $("[data-confirm-submit]", modal);
      if (!submit.hasAttribute("data-default-label")) submit.setAttribute("data-default-label", submit.textContent);
      submit.textContent = confirmLink.getAttribute("data-confirm-button") || submit.getAttribute("data-default-label");
      openModal(modal, confirmLink);
    }
  });

  /* ---------------- spinners on submit ---------------- */
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (ev.defaultPrevented || form.hasAttribute("data-no-spinner")) return;
    var btn = ev.submitter || $("button[type=submit], button:not([type])", form);
    if (!btn) return;
    btn.classList.add("is-busy");
    btn.setAttribute("aria-busy", "true");
    // Disable after the submission has read the button's name and value.
    setTimeout(function () { btn.disabled = true; }, 0);
  });
  window.addEventListener("pageshow", function () {
    $$(".is-busy").forEach(function (b) { b.classList.remove("is-busy"); b.disabled = false; b.removeAttribute("aria-busy"); });
  });

  /* ---------------- sidebar, language ---------------- */
  var sidebar = $("#sidebar");
  function setSidebar(open) {
    if (!sidebar) return;
    sidebar.classList.toggle("is-open", open);
    $$("[data-toggle-sidebar]").forEach(function (b) { b.setAttribute("aria-expanded", open ? "true" : "false"); });
  }
  document.addEventListener("click", function (ev) {
    if (!sidebar) return;
    if (ev.target.closest("[data-toggle-sidebar]")) {
      setSidebar(!sidebar.classList.contains("is-open"));
    } else if (sidebar.classList.contains("is-open") && !ev.target.closest("#sidebar")) {
      setSidebar(false); // a tap outside closes the drawer
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && !openModalEl && sidebar && sidebar.classList.contains("is-open")) setSidebar(false);
  });
  $$("form[data-autosubmit] select").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });

  /* ---------------- live JSON / JSON Schema validation ---------------- */
  var TYPES = ["string", "number", "integer", "boolean", "object", "array", "null"];
  // Errors worded as the server words them: where, which keyword, what it takes.
  function bad(where, keyword, expected, got) {
    return t("schemaKeyword").replace("%(where)s", where).replace("%(keyword)s", keyword)
      .replace("%(expected)s", expected).replace("%(got)s", JSON.stringify(got));
  }
  function schemaProblem(schema, root, where) {
    if (typeof schema === "boolean") return null;
    if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
      return t("invalidSchema") + " (" + where + ")";
    }
    if ("type" in schema) {
      var types = Array.isArray(schema.type) ? schema.type : [schema.type];
      for (var i = 0; i < types.length; i++) {
        if (TYPES.indexOf(types[i]) < 0) return bad(where, "type", t("schemaTypes"), schema.type);
      }
    }
    if ("required" in schema && (!Array.isArray(schema.required) || schema.required.some(function (r) { return typeof r !== "string"; }))) {
      return bad(where, "required", t("schemaExpect_array"), schema.required);
    }
    if ("properties" in schema) {
      if (typeof schema.properties !== "object" || schema.properties === null || Array.isArray(schema.properties)) {
        return bad(where, "properties", t("schemaExpect_object"), schema.properties);
      }
      for (var key in schema.properties) {
        var p = schemaProblem(schema.properties[key], root, where + "/properties/" + key);
        if (p) return p;
      }
    }
    if ("items" in schema && !Array.isArray(schema.items)) {
      var q = schemaProblem(schema.items, root, where + "/items");
      if (q) return q;
    }
    var lists = ["allOf", "anyOf", "oneOf"];
    for (var a = 0; a < lists.length; a++) {
      if (lists[a] in schema && !Array.isArray(schema[lists[a]])) {
        return bad(where, lists[a], t("schemaExpect_array"), schema[lists[a]]);
      }
    }
    var numbers = ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"];
    for (var n = 0; n < numbers.length; n++) {
      if (numbers[n] in schema && typeof schema[numbers[n]] !== "number") {
        return bad(where, numbers[n], t("schemaExpect_number"), schema[numbers[n]]);
      }
    }
    if (typeof schema.$ref === "string" && schema.$ref.indexOf("#/") === 0) {
      var node = root;
      var parts = schema.$ref.slice(2).split("/");
      for (var j = 0; j < parts.length; j++) {
        var part = parts[j].replace(/~1/g, "/").replace(/~0/g, "~");
        if (node === null || typeof node !== "object" || !(part in node)) return t("invalidSchema") + " (" + where + "/$ref: " + schema.$ref + ")";
        node = node[part];
      }
    }
    return null;
  }
  function checkJson(area) {
    var status = document.getElementById(area.id + "-status");
    if (!status) return;
    var text = area.value.trim();
    status.classList.remove("is-ok", "is-error");
    if (!text) { status.textContent = ""; area.removeAttribute("aria-invalid"); return; }
    var value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      status.textContent = t("invalidJson") + ": " + e.message;
      status.classList.add("is-error");
      area.setAttribute("aria-invalid", "true");
      return;
    }
    if (area.getAttribute("data-json") === "schema") {
      var problem = schemaProblem(value, value, "#");
      if (problem) {
        status.textContent = problem;
        status.classList.add("is-error");
        area.setAttribute("aria-invalid", "true");
        return;
      }
      status.textContent = "✓ " + t("validSchema");
    } else {
      status.textContent = "✓ " + t("validJson");
    }
    status.classList.add("is-ok");
    area.removeAttribute("aria-invalid");
  }
  function armJson(root) {
    $$("textarea[data-json]", root).forEach(function (area) {
      if (area.__armed) return;
      area.__armed = true;
      var timer = null;
      area.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { checkJson(area); }, 250);
      });
      if (area.value.trim()) checkJson(area);
    });
  }
  armJson(document);

  /* ---------------- formsets: add and remove rows ---------------- */
  function armRemove(root) {
    $$("[data-row-delete]", root).forEach(function (box) {
      if (box.__armed) return;
      box.__armed = true;
      var sync = function () { box.closest(".row-card").classList.toggle("is-removed", box.checked); };
      box.addEventListener("change", sync);
      sync();
    });
  }
  armRemove(document);
  document.addEventListener("click", function (ev) {
    var add = ev.target.closest("[data-add-row]");
    if (!add) return;
    var prefix = add.getAttribute("data-add-row");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var tpl = document.getElementById(prefix + "-empty");
    var list = document.getElementById(prefix + "-rows");
    if (!total || !tpl || !list) return; // no-JS fallback: the button submits
    ev.preventDefault();
    var index = parseInt(total.value, 10);
    var html = tpl.innerHTML.replace(/__prefix__/g, String(index)).replace(/__num__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    list.appendChild(row);
    total.value = String(index + 1);
    var empty = list.parentElement.querySelector("[data-rows-empty]");
    if (empty) empty.hidden = true;
    armJson(row);
    armRemove(row);
    armConstraints(row);
    var first = $("input:not([type=hidden]), select, textarea", row);
    if (first) first.focus();
  });

  /* ---------------- a row shows the constraints its type takes ---------------- */
  // Each constraint field names the types it applies to (data-applies). An
  // empty field that does not apply is hidden; one holding a value stays
  // visible whatever the type, so nothing is dropped unseen (the server then
  // says why the value does not fit).
  function syncConstraints(row) {
    var type = $("select[name$='value_type']", row);
    if (!type) return;
    $$("[data-applies]", row).forEach(function (field) {
      var applies = field.getAttribute("data-applies").split(" ").indexOf(type.value) >= 0;
      var input = $("input, textarea, select", field);
      var filled = input && input.value.trim() !== "";
      field.hidden = !applies && !filled;
    });
  }
  function armConstraints(root) {
    if (root.matches && root.matches("[data-row]")) syncConstraints(root);
    $$("[data-row]", root).forEach(syncConstraints);
  }
  armConstraints(document);
  document.addEventListener("change", function (ev) {
    if (ev.target.matches && ev.target.matches("[data-row] select[name$='value_type']")) {
      syncConstraints(ev.target.closest("[data-row]"));
    }
  });

  /* ---------------- request body section follows the method ---------------- */
  var method = $("select[data-method-select]");
  var bodySection = $("[data-body-section]");
  if (method && bodySection) {
    var syncBody = function () {
      var on = ["POST", "PUT", "PATCH"].indexOf(method.value) >= 0;
      bodySection.hidden = !on;
    };
    method.addEventListener("change", syncBody);
    syncBody();
  }

  /* ---------------- copy buttons ---------------- */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject(new Error("copy"));
    });
  }
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-copy-target]");
    if (!btn) return;
    var src = document.getElementById(btn.getAttribute("data-copy-target"));
    if (!src) return;
    copyText(src.textContent).then(function () { toast(t("copied"), "success"); }, function () { toast(t("copyFailed"), "error"); });
  });

  /* ---------------- test modal ---------------- */
  var testModal = document.getElementById("test-modal");
  function renderResult(box, data) {
    box.hidden = false;
    var status = $("[data-result-status]", box);
    status.textContent = data.status === null || data.status === undefined ? "—" : String(data.status);
    status.className = "status status--" + (data.status ? Math.floor(data.status / 100) + "xx" : "none");
    $("[data-result-latency]", box).textContent = data.latency_display;
    var fault = $("[data-result-fault]", box);
    fault.hidden = !data.fault;
    fault.textContent = data.fault ? "chaos: " + data.fault : "";
    var aborted = $("[data-result-aborted]", box);
    aborted.hidden = !data.aborted;
    aborted.textContent = t("aborted");
    var headers = $("[data-result-headers]", box);
    headers.innerHTML = "";
    var names = Object.keys(data.headers || {});
    if (!names.length) {
      var none = document.createElement("p");
      none.className = "muted";
      none.textContent = t("noHeaders");
      headers.appendChild(none);
    } else {
      var dl = document.createElement("dl");
      dl.className = "kv";
      names.forEach(function (n) {
        var dt = document.createElement("dt"); dt.textContent = n;
        var dd = document.createElement("dd"); dd.textContent = data.headers[n];
        dl.appendChild(dt); dl.appendChild(dd);
      });
      headers.appendChild(dl);
    }
    $("[data-result-body]", box).textContent = data.body_display || t("noBody");
    var violations = $("[data-result-violations]", box);
    violations.innerHTML = "";
    (data.violations || []).forEach(function (v) {
      var li = document.createElement("li");
      li.textContent = typeof v === "string" ? v : JSON.stringify(v);
      violations.appendChild(li);
    });
    violations.hidden = !(data.violations || []).length;
    $("#test-curl").textContent = data.curl;
  }
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-test-endpoint]");
    if (!btn || !testModal) return;
    ev.preventDefault();
    var form = $("form", testModal);
    form.setAttribute("action", btn.getAttribute("data-test-endpoint"));
    $("[data-test-title]", testModal).textContent = btn.getAttribute("data-test-title") || "";
    var defaults = {};
    try { defaults = JSON.parse(btn.getAttribute("data-test-defaults") || "{}"); } catch (e) { defaults = {}; }
    ["path", "query", "headers", "body"].forEach(function (name) {
      var field = form.elements[name];
      if (field) field.value = defaults[name] || "";
    });
    var chaosBtn = $("[data-test-chaos]", testModal);
    if (chaosBtn) chaosBtn.hidden = btn.getAttribute("data-test-chaos-enabled") !== "true";
    var bodyField = $("[data-test-body-field]", testModal);
    if (bodyField) bodyField.hidden = !defaults.has_body;
    $("[data-test-result]", testModal).hidden = true;
    openModal(testModal, btn);
  });
  if (testModal) {
    $("form", testModal).addEventListener("submit", function (ev) {
      ev.preventDefault();
      var form = ev.target;
      var submitter = ev.submitter || $("button[type=submit]", form);
      var data = new FormData(form);
      if (submitter && submitter.name) data.set(submitter.name, submitter.value);
      $$("button[type=submit]", form).forEach(function (b) { b.disabled = true; });
      if (submitter) submitter.classList.add("is-busy");
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: data,
        headers: { "Accept": "application/json", "X-Requested-With": "fetch" },
        credentials: "same-origin"
      }).then(function (resp) {
        return resp.json().then(function (json) { return { ok: resp.ok, json: json }; });
      }).then(function (res) {
        if (!res.ok) { toast(res.json.error || t("requestFailed"), "error"); return; }
        renderResult($("[data-test-result]", testModal), res.json);
      }).catch(function () {
        toast(t("requestFailed"), "error");
      }).then(function () {
        $$("button[type=submit]", form).forEach(function (b) { b.disabled = false; b.classList.remove("is-busy"); });
      });
    });
  }

  window.portal = { toast: toast, openModal: openModal, closeModal: closeModal };
})();
