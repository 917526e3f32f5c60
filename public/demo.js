// The demo merchant page's own script (not part of the widget): applies the demo controls
// (?shopper=, ?lang=, ?api=, ?latency=) to the widget element before the widget starts, and keeps
// the controls' form in step. Loaded with `defer` before the widget's module, so it runs first.
(function () {
  const params = new URLSearchParams(location.search);
  const host = document.getElementById('pay-later');
  const hosts = Array.from(document.querySelectorAll('[data-pay-later]'));
  const form = document.getElementById('demo-controls');
  if (!host) return;

  // The demo shopper's session token; with the HTTP sandbox a token is required, so the first demo
  // shopper is the default there too.
  const shopper = params.get('shopper') || 'demo-good';
  const lang = params.get('lang');
  const api = params.get('api');
  const latency = params.get('latency');
  for (const h of hosts) {
    if (shopper) h.setAttribute('data-session-token', shopper);
    if (lang) h.setAttribute('data-locale', lang);
    if (api) h.setAttribute('data-api-base-url', api);
    else h.setAttribute('data-mock-latency-ms', latency ?? '400');
  }
  if (lang) document.documentElement.lang = lang;
  // A fresh order id per visit, so that a confirmed demo order can be made again after a reload.
  host.setAttribute('data-order-id', 'ORDER-' + Date.now().toString(36).toUpperCase());

  if (form) {
    for (const [name, value] of [['shopper', shopper], ['lang', lang]]) {
      const field = form.elements.namedItem(name);
      if (field && value) field.value = value;
    }
    const apiField = form.elements.namedItem('api');
    if (apiField && api) apiField.value = api;
    else if (apiField) apiField.disabled = true;
    const source = document.getElementById('demo-api-source');
    if (source) source.textContent = api ? 'API: ' + api : 'API: in-browser mock';
  }
})();
