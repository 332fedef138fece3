// The sandbox page: a phone (the customer, on simulated WhatsApp) beside an agent desk (on
// simulated Genesys Cloud), and what the real bridge in between did. It follows the sandbox's
// feed of events (/sandbox/api/events) by short polling; nothing is loaded from the network.
(() => {
  "use strict";

  const API = "/sandbox/api";
  const WINDOW_MS = 24 * 3600 * 1000;
  const $ = (id) => document.getElementById(id);

  /** A DOM element: el("div", {class: "x"}, "text", child, ...). Text is never parsed as HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "onclick") node.addEventListener("click", value);
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /**
   * A URL the page can load from wherever it was opened: the bridge's own links (signed media
   * links name its public URL, localhost in the sandbox) become same-origin paths; only http(s).
   */
  function safeUrl(url) {
    if (!url) return null;
    try {
      const parsed = new URL(url, location.href);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
      const bridge = parsed.hostname === "localhost" || parsed.hostname === "127.0.0.1";
      return bridge && parsed.port === location.port ? parsed.pathname + parsed.search : parsed.href;
    } catch (error) {
      return null;
    }
  }

  const hhmm = (iso) => {
    const d = iso ? new Date(iso) : new Date();
    return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  };

  async function call(method, path, body) {
    const response = await fetch(API + path, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || "HTTP " + response.status);
    return answer;
  }

  // ---------------------------------------------------------------- state

  const state = {
    customers: [],
    byWa: new Map(), // id -> customer {id, channel, genesysId, name, colour, phoneConv, deskConv, lastWrote, unread, last}
    selected: null,
    after: 0,
    phoneBubbles: new Map(), // wamid -> bubble element (customer's own and business messages)
    deskCustomer: new Map(), // wamid (channel.messageId) -> desk message element
    deskAgent: new Map(), // Genesys message id -> desk message element
    traceId: null,
    pinned: false,
    baseline: null,
    moved: new Map(), // sample -> {delta, at}
  };

  const customerOf = (id) => state.byWa.get(String(id || "").replace(/^\+/, ""));
  const avatar = (c, cls) => el("span", { class: "avatar " + (cls || ""), style: "background:" + c.colour }, c.name[0]);

  function setup(answer) {
    $("business-name").textContent = answer.business;
    for (const c of answer.customers) {
      c.phoneConv = el("div", { class: "wa-conv", dataset: { wa: c.id } },
        el("div", { class: "wa-day" }, "TODAY"),
        el("div", { class: "wa-note" }, "A sandbox chat: messages go through the real bridge to a simulated Genesys, never to anyone's phone."));
      c.deskConv = el("div", { class: "desk-conv", dataset: { wa: c.id } });
      c.unread = 0;
      c.last = "No messages yet";
      state.customers.push(c);
      state.byWa.set(c.id, c);
      $("phone-chat").append(c.phoneConv);
      $("desk-chat").append(c.deskConv);
      $("customers").append(el("button", {
        type: "button", class: "customer-chip", dataset: { wa: c.id }, onclick: () => select(c.id),
      }, avatar(c), c.name, c.channel === "telegram" ? el("small", { class: "chan" }, "Telegram") : null));
    }
    select(answer.customers[0].id);
  }

  function select(id) {
    const c = state.byWa.get(id);
    state.selected = c;
    c.unread = 0;
    for (const chip of document.querySelectorAll(".customer-chip")) chip.classList.toggle("active", chip.dataset.wa === id);
    for (const conv of document.querySelectorAll(".wa-conv, .desk-conv")) conv.hidden = conv.dataset.wa !== id;
    $("desk-name").textContent = c.name;
    const telegram = c.channel === "telegram";
    $("desk-number").textContent = c.genesysId + (telegram ? " · Telegram"
      : c.connection === "reengage" ? " · WhatsApp, holds late answers" : " · WhatsApp");
    document.querySelector(".phone").classList.toggle("tg", telegram);
    $("channel-node").firstChild.textContent = telegram ? "Telegram" : "Meta";
    $("phone-channel").textContent = telegram ? "Customer · Telegram" : "Customer · WhatsApp";
    $("phone-presence").textContent = telegram ? "bot" : "business account";
    $("fail-note").textContent = telegram ? "the bot is blocked: 403" : "WhatsApp answers 131026";
    $("backdate-note").textContent = telegram ? "Telegram has no window" : "closes the 24-hour window";
    $("desk-avatar").textContent = c.name[0];
    $("desk-avatar").style.background = c.colour;
    renderList();
    renderWindow();
    scrollDown();
  }

  function renderList() {
    const list = $("desk-list");
    list.replaceChildren(...state.customers.map((c) => el("li", {
      class: c === state.selected ? "active" : "", dataset: { wa: c.id }, onclick: () => select(c.id),
    }, avatar(c), el("div", { class: "who" }, el("strong", {}, c.name), el("small", {}, c.last)),
    c.unread ? el("span", { class: "badge" }, c.unread) : null)));
  }

  function renderWindow() {
    const c = state.selected;
    const badge = $("window-badge");
    if (c && c.channel === "telegram") {
      badge.className = "window-badge open";
      badge.textContent = "Telegram · no 24-hour window";
      return;
    }
    if (!c || !c.lastWrote) {
      badge.className = "window-badge";
      badge.textContent = "No messages yet";
      return;
    }
    const left = c.lastWrote + WINDOW_MS - Date.now();
    if (left > 0) {
      const h = Math.floor(left / 3600000), m = Math.floor((left % 3600000) / 60000);
      badge.className = "window-badge open";
      badge.textContent = `Window open · ${h} h ${m} min left`;
    } else {
      badge.className = "window-badge closed";
      badge.textContent = c.connection === "reengage"
        ? "Window closed · answers are held" : "Window closed · templates only";
    }
  }

  function scrollDown() {
    for (const id of ["phone-chat", "desk-chat"]) $(id).scrollTop = $(id).scrollHeight;
  }

  // ---------------------------------------------------------------- the phone

  function media(m, alt) {
    const url = safeUrl(m.mediaUrl);
    if (!url) return null;
    const type = m.type || "";
    if (type === "document" || (m.mime && !m.mime.startsWith("image/"))) {
      return el("a", { class: "doc", href: url, target: "_blank" },
        el("span", { class: "doc-icon" }, (m.filename || "FILE").split(".").pop().toUpperCase().slice(0, 4)),
        m.filename || "document");
    }
    return el("img", { src: url, alt: alt || "picture" });
  }

  function phoneSent(e) {
    const c = customerOf(e.customer);
    if (!c) return;
    const bubble = el("div", { class: "bubble out", dataset: { wamid: e.wamid, trace: e.wamid } },
      e.type === "location" ? el("div", { class: "map", title: `${e.latitude}, ${e.longitude}` }) : null,
      e.type === "image" || e.type === "document" ? media(e, "the customer's picture") : null,
      e.type === "button" || e.type === "list" ? el("div", { class: "footer" }, "↩ tapped") : null,
      e.text || e.caption ? el("div", { class: "caption" }, e.text || e.caption) : null,
      e.backdated ? el("div", { class: "backdated" }, "◷ sent as if 25 hours ago") : null,
      el("span", { class: "meta" }, e.backdated ? "25 h ago" : hhmm(e.at), el("span", { class: "ticks" }, "◷")));
    c.phoneConv.append(bubble);
    state.phoneBubbles.set(e.wamid, bubble);
    const wrote = new Date(e.time).getTime();
    c.lastWrote = Math.max(c.lastWrote || 0, wrote);
    follow(e.wamid);
    if (c === state.selected) renderWindow();
  }

  /**
   * The ticks of the customer's own message, which only move forward (the bridge's 200 may come
   * back after the message already reached Genesys): 1 ✓ accepted by the bridge, 2 ✓✓ reached
   * Genesys, 3 blue: read by the business; 0 ⚠ refused.
   */
  const TICKS = ["⚠", "✓", "✓✓", "✓✓"];
  function ticks(wamid, level) {
    const bubble = state.phoneBubbles.get(wamid);
    const t = bubble && bubble.querySelector(".ticks");
    if (!t) return;
    const now = Number(t.dataset.level || -1);
    if (level <= now) return;
    t.dataset.level = level;
    t.textContent = TICKS[level];
    t.classList.toggle("read", level === 3);
  }

  function phoneMessage(e) {
    const c = customerOf(e.customer);
    if (!c) return;
    const bubble = el("div", { class: "bubble in", dataset: { wamid: e.wamid } },
      e.template ? el("div", { class: "tpl" }, "Template · " + e.template) : null,
      e.header ? el("div", { class: "header" }, e.header) : null,
      media(e, "the agent's picture"),
      e.text || e.caption ? el("div", {}, e.text || e.caption) : null,
      e.footer ? el("div", { class: "footer" }, e.footer) : null,
      e.link ? el("a", { href: safeUrl(e.link.url), target: "_blank", rel: "noopener" }, "↗ " + e.link.text) : null,
      el("span", { class: "meta" }, hhmm(e.at)));
    c.phoneConv.append(bubble);
    state.phoneBubbles.set(e.wamid, bubble);
    if (e.template === "we_have_a_reply") held(c);
    if (e.buttons && e.buttons.length) {
      const group = el("div", { class: "qr-buttons" });
      for (const b of e.buttons) {
        group.append(el("button", {
          type: "button", class: "qr-button", dataset: { id: b.id },
          onclick: (ev) => tap(c, "button", e.wamid, b, group, ev.currentTarget),
        }, b.title));
      }
      c.phoneConv.append(group);
    }
    if (e.rows && e.rows.length) {
      const group = el("div", { class: "qr-buttons" });
      group.append(el("button", {
        type: "button", class: "list-button", onclick: () => openList(c, e, group),
      }, "☰ " + (e.listButton || "Choose")));
      c.phoneConv.append(group);
    }
    if (c !== state.selected) {
      c.unread++;
      renderList();
    }
    scrollDown();
  }

  function openList(c, e, group) {
    $("list-sheet-title").textContent = e.listButton || "Choose";
    $("list-sheet-rows").replaceChildren(...e.rows.map((row) => el("li", {
      dataset: { id: row.id },
      onclick: () => { $("list-sheet").hidden = true; tap(c, "list", e.wamid, row, group, null); },
    }, row.title, row.description ? el("small", {}, row.description) : null)));
    $("list-sheet").hidden = false;
  }

  async function tap(c, kind, wamid, option, group, button) {
    for (const b of group.querySelectorAll("button")) b.disabled = true;
    if (button) button.classList.add("chosen");
    await send(() => call("POST", `/customers/${c.id}/messages`,
      { kind, replyTo: wamid, replyId: option.id, replyTitle: option.title, backdated: $("phone-backdate").checked }));
  }

  async function customerWrites(body) {
    const c = state.selected;
    await send(() => call("POST", `/customers/${c.id}/messages`, { ...body, backdated: $("phone-backdate").checked }));
  }

  async function send(action) {
    try {
      await action();
      poll();
    } catch (error) {
      alert("The sandbox refused: " + error.message);
    }
  }

  const readFile = (file) => new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

  function wirePhone() {
    const input = $("phone-input");
    const submit = () => {
      const text = input.value.trim();
      if (!text) return;
      input.value = "";
      customerWrites({ kind: "text", text });
    };
    $("phone-send").addEventListener("click", submit);
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") submit(); });
    $("phone-file").addEventListener("change", async (e) => {
      const file = e.target.files[0];
      if (!file) return;
      const data = await readFile(file);
      const caption = input.value.trim();
      input.value = "";
      e.target.value = "";
      customerWrites({ kind: file.type.startsWith("image/") ? "image" : "document", file: data, filename: file.name, text: caption || null });
    });
    $("phone-location").addEventListener("click", () =>
      customerWrites({ kind: "location", latitude: 38.7107, longitude: -9.1365, text: "Rua Augusta, Lisbon" }));
    $("phone-fail").addEventListener("change", (e) =>
      send(() => call("POST", `/customers/${state.selected.id}/fail-next`, { on: e.target.checked })));
    $("list-sheet-close").addEventListener("click", () => { $("list-sheet").hidden = true; });
  }

  // ---------------------------------------------------------------- the desk

  function deskMessage(e) {
    const c = customerOf(e.customer);
    if (!c) return;
    const attrs = Object.entries(e.attributes || {}).map(([k, v]) => k + ": " + v).join(" · ");
    const node = el("div", { class: "msg customer", dataset: { trace: e.messageId, id: e.id } },
      el("div", { class: "msg-who" }, (e.nickname || c.name) + " · " + hhmm(e.time)),
      el("div", { class: "msg-body" },
        (e.attachments || []).map((a) => a.mediaType === "Image"
          ? el("img", { src: safeUrl(a.url), alt: "the customer's picture" })
          : el("a", { class: "doc", href: safeUrl(a.url), target: "_blank" },
            el("span", { class: "doc-icon" }, (a.filename || a.mime || "file").split(/[./]/).pop().toUpperCase().slice(0, 4)),
            a.filename || a.mime || "attachment")),
        e.text ? el("div", {}, e.text) : null,
        attrs ? el("div", { class: "attrs" }, attrs) : null));
    c.deskConv.append(node);
    state.deskCustomer.set(e.messageId, node);
    ticks(e.messageId, 2);
    noteActivity(c, e.text || "attachment");
  }

  function deskChoice(e) {
    const c = customerOf(e.customer);
    if (!c) return;
    const question = state.deskAgent.get(e.originatingMessageId);
    const node = el("div", { class: "msg customer", dataset: { trace: e.messageId } },
      el("div", { class: "msg-who" }, c.name + " · chose an option"),
      el("div", { class: "msg-body" }, el("div", { class: "chips" },
        el("span", { class: "chip", dataset: { payload: e.payload } }, "✔ " + e.text)),
      el("div", { class: "attrs" }, "payload " + e.payload + (question ? " · answers your quick replies" : ""))));
    c.deskConv.append(node);
    ticks(e.messageId, 2);
    noteActivity(c, "✔ " + e.text);
  }

  function deskSent(e) {
    const c = customerOf(e.customer);
    if (!c) return;
    const node = el("div", { class: "msg agent", dataset: { trace: e.id, id: e.id } },
      el("div", { class: "msg-who" }, "You · " + hhmm(e.at) + (e.template ? " · template " + e.template : "")),
      el("div", { class: "msg-body" },
        e.mediaUrl ? (e.mime && e.mime.startsWith("image/") ? el("img", { src: e.mediaUrl, alt: "your picture" })
          : el("a", { class: "doc", href: e.mediaUrl, target: "_blank" }, el("span", { class: "doc-icon" }, "FILE"), e.filename || "file")) : null,
        e.text ? el("div", {}, e.text) : null,
        e.options ? el("div", { class: "chips" }, e.options.map((o) => el("span", { class: "chip" }, o))) : null),
      el("div", { class: "receipt" }, "◷ Sending to the bridge…"));
    c.deskConv.append(node);
    state.deskAgent.set(e.id, node);
    noteActivity(c, "You: " + (e.text || "attachment"), true);
    follow(e.id);
  }

  /** The bridge sent the re-engagement template: the answers still without a receipt are held. */
  function held(c) {
    for (const r of c.deskConv.querySelectorAll(".msg.agent .receipt:not([data-final])")) {
      r.className = "receipt held";
      r.replaceChildren(el("span", { class: "pill" }, "Held for re-engagement"),
        "template sent; it goes out when the customer replies");
    }
  }

  function receipt(id, cls, html, final) {
    const node = state.deskAgent.get(id);
    const r = node && node.querySelector(".receipt");
    if (!r) return;
    if (final) r.dataset.final = "true";
    r.className = "receipt " + (cls || "");
    r.replaceChildren(...html);
  }

  function deskReceipt(e) {
    if (e.status === "Delivered") {
      receipt(e.id, "ok", [el("span", { class: "pill" }, "✓✓ Delivered")], true);
    } else if (e.status === "Failed") {
      const reason = (e.reasons || [])[0] || {};
      receipt(e.id, "bad", [el("span", { class: "pill" }, "Failed · " + (reason.code || "GeneralError")), reason.message || ""], true);
    } else {
      receipt(e.id, "", [e.status]);
    }
  }

  function noteActivity(c, last, mine) {
    c.last = last;
    if (c !== state.selected && !mine) c.unread++;
    renderList();
    scrollDown();
  }

  function wireDesk() {
    const input = $("desk-input");
    const agentSends = (body) => send(() => call("POST", `/customers/${state.selected.id}/agent-messages`, body));
    const submit = () => {
      const text = input.value.trim();
      if (!text) return;
      input.value = "";
      agentSends({ kind: "text", text });
    };
    $("desk-send").addEventListener("click", submit);
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") submit(); });
    $("desk-qr").addEventListener("click", () => { $("qr-form").hidden = !$("qr-form").hidden; $("qr-question").focus(); });
    $("qr-send").addEventListener("click", () => {
      const text = $("qr-question").value.trim();
      const options = $("qr-options").value.split(",").map((o) => o.trim()).filter(Boolean);
      if (!text || !options.length) return;
      $("qr-question").value = "";
      $("qr-options").value = "";
      $("qr-form").hidden = true;
      agentSends({ kind: "quickreplies", text, options });
    });
    $("desk-template").addEventListener("click", () => agentSends({ kind: "template" }));
    $("desk-file").addEventListener("change", async (e) => {
      const file = e.target.files[0];
      if (!file) return;
      const data = await readFile(file);
      e.target.value = "";
      const caption = input.value.trim();
      input.value = "";
      agentSends({ kind: "attachment", file: data, filename: file.name, text: caption || null });
    });
  }

  // ---------------------------------------------------------------- inside the bridge

  function hop(e) {
    const ok = e.status >= 200 && e.status < 300;
    $("hops").prepend(el("li", {},
      el("span", { class: "route" }, el("span", { class: e.from }, e.from), " → ", el("span", { class: e.to }, e.to)),
      el("span", { class: "what", title: e.what }, e.what),
      el("span", { class: "code" + (ok ? "" : " bad") }, e.status || "—")));
    while ($("hops").children.length > 200) $("hops").lastChild.remove();
    light(e.from, e.to);
  }

  const ORDER = ["phone", "channel", "bridge", "Genesys", "agent"];
  const NODE = (party) => (party === "Meta" || party === "Telegram" ? "channel" : party);
  function light(from, to) {
    const a = ORDER.indexOf(NODE(from)), b = ORDER.indexOf(NODE(to));
    if (a < 0 || b < 0) return;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    for (let i = lo; i < hi; i++) {
      const link = document.querySelector(`[data-link="${ORDER[i]}-${ORDER[i + 1]}"]`);
      flash(link, "lit", a > b);
    }
    flash(document.querySelector(`[data-node="${NODE(to)}"]`), "lit");
  }

  function flash(node, cls, back) {
    if (!node) return;
    node.classList.remove(cls, "back");
    void node.offsetWidth; // restart the animation
    node.classList.add(cls);
    if (back) node.classList.add("back");
    clearTimeout(node._timer);
    node._timer = setTimeout(() => node.classList.remove(cls, "back"), 900);
  }

  /** Shows the trace of the newest message, unless a message was picked by hand. */
  function follow(id) {
    if (!state.pinned) showTrace(id);
  }

  function showTrace(id) {
    state.traceId = id;
    $("trace-id").textContent = id;
    $("trace-id").title = id;
    for (const n of document.querySelectorAll(".selected")) n.classList.remove("selected");
    for (const n of document.querySelectorAll(`[data-trace="${CSS.escape(id)}"]`)) n.classList.add("selected");
    refreshTrace();
  }

  async function refreshTrace() {
    const id = state.traceId;
    if (!id) return;
    let answer;
    try {
      answer = await call("GET", "/trace/" + encodeURIComponent(id));
    } catch (error) {
      return;
    }
    if (id !== state.traceId) return;
    const list = $("trace");
    if (answer.status !== 200 || !answer.trace) {
      list.replaceChildren(el("li", { class: "muted" }, answer.status === 404
        ? "No trace yet: the bridge has none for this message (yet)."
        : "The bridge's trace is not available (HTTP " + answer.status + ")."));
      return;
    }
    const t = answer.trace;
    list.replaceChildren(...(t.events || []).map((ev) => el("li", {},
      el("time", {}, new Date(ev.at).toLocaleTimeString([], { hour12: false })),
      el("span", { class: "stage-name" }, ev.stage),
      el("span", {}, ev.detail || ""))));
    if (!(t.events || []).length) list.replaceChildren(el("li", { class: "muted" }, "The trace is empty."));
  }

  async function refreshMeters() {
    let answer;
    try {
      answer = await call("GET", "/meters");
    } catch (error) {
      return;
    }
    const samples = answer.samples || {};
    if (!state.baseline) {
      state.baseline = samples;
      return;
    }
    const now = Date.now();
    for (const [name, value] of Object.entries(samples)) {
      const delta = value - (state.baseline[name] || 0);
      const seen = state.moved.get(name);
      if (delta !== 0 && (!seen || seen.delta !== delta)) state.moved.set(name, { delta, at: now, fresh: true });
    }
    const rows = [...state.moved.entries()].sort((a, b) => b[1].at - a[1].at).slice(0, 14);
    const table = $("meters").tBodies[0];
    if (!rows.length) return;
    table.replaceChildren(...rows.map(([name, m]) => {
      const brace = name.indexOf("{");
      const meter = brace < 0 ? name : name.slice(0, brace);
      const labels = brace < 0 ? "" : name.slice(brace);
      const row = el("tr", { class: m.fresh ? "flash" : "" },
        el("td", { class: "name" }, meter, labels ? el("em", {}, labels) : null),
        el("td", { class: "delta" }, (m.delta > 0 ? "+" : "") + (Number.isInteger(m.delta) ? m.delta : m.delta.toFixed(3))));
      m.fresh = false;
      return row;
    }));
  }

  // ---------------------------------------------------------------- the feed

  const HANDLERS = {
    "phone.sent": phoneSent,
    "phone.accepted": (e) => ticks(e.wamid, e.status === 200 ? 1 : 0),
    "phone.read": (e) => {
      ticks(e.wamid, 3);
      if (e.typing) {
        $("phone-presence").textContent = "typing…";
        clearTimeout(state.typing);
        state.typing = setTimeout(() => {
          $("phone-presence").textContent = state.selected.channel === "telegram" ? "bot" : "business account";
        }, 6000);
      }
    },
    "phone.message": phoneMessage,
    "desk.message": deskMessage,
    "desk.choice": deskChoice,
    "desk.sent": deskSent,
    "desk.accepted": (e) => {
      const node = state.deskAgent.get(e.id);
      const r = node && node.querySelector(".receipt");
      if (!r || r.dataset.final || r.classList.contains("held")) return; // the receipt came first
      if (e.status !== 200) receipt(e.id, "bad", ["The bridge answered " + e.status]);
      else receipt(e.id, "", ["✓ Sent to the bridge"]);
    },
    "desk.receipt": deskReceipt,
    hop,
  };

  let polling = false;
  async function poll() {
    if (polling) return;
    polling = true;
    try {
      const answer = await call("GET", "/events?after=" + state.after);
      for (const e of answer.events) {
        state.after = Math.max(state.after, e.seq);
        const handler = HANDLERS[e.kind];
        if (handler) handler(e);
      }
      if (answer.events.length) document.body.dataset.seq = state.after;
    } catch (error) {
      // the sandbox went away or is restarting: try again on the next tick
    } finally {
      polling = false;
    }
  }

  document.addEventListener("click", (e) => {
    const traced = e.target.closest("[data-trace]");
    if (traced && !e.target.closest("button")) {
      state.pinned = true;
      showTrace(traced.dataset.trace);
    }
  });

  async function start() {
    setup(await call("GET", "/setup"));
    wirePhone();
    wireDesk();
    await poll();
    setInterval(poll, 400);
    setInterval(refreshTrace, 1500);
    setInterval(refreshMeters, 2000);
    setInterval(() => { renderWindow(); $("phone-clock").textContent = hhmm(); }, 15000);
    $("phone-clock").textContent = hhmm();
    refreshMeters();
    document.body.dataset.ready = "true";
  }

  start();
})();
