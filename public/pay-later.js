// 先享后付 / Pay later: the embedding module. One script, no inline code, loaded from the widget's
// own origin:
//
//   <script type="module" src="https://widget.example.com/pay-later.js"></script>
//
// then either an element
//
//   <pay-later-checkout amount="1299.00" currency="CNY" locale="zh-CN" merchant-id="M1" order-id="O1"></pay-later-checkout>
//
// or a call
//
//   const handle = PayLater.mount(document.getElementById('pay-later'), { amount: '1299.00', currency: 'CNY' });
//   handle.update({ amount: '1599.00' });   // re-renders in place
//   handle.unmount();
//
// Elements marked `data-pay-later` are mounted when this module loads. Options are documented in
// the README.
//
// The widget itself is WebAssembly in modules beside this file, each fetched on first need and at
// most once per page: a checkout element starts with the offer (pay-later-offer.js + _bg.wasm: the
// provider's offer and Pay later, all a checkout page shows before the shopper touches it); Pay
// later fetches the checkout (pay-later-checkout.js + _bg.wasm), which takes the widget over with
// the eligibility answer the offer module already asked for. `view="bills"` loads the account
// (pay-later-account.js + _bg.wasm: bills, early repayment, records); `view="both"` both, the
// account's part in the element's `account` slot. Demo builds add the page's mock of the API
// (pay-later-mock.js + _bg.wasm); merchant builds never ask for it.
//
// A module whose code traps (a panic: release builds abort) is dead: its widgets get the notice
// shoppers get when a module cannot load, with Try again (a fresh instance), and the page gets
// `paylater:error` with `kind: "crashed"`.

// @ts-check

/**
 * @typedef {'offer' | 'checkout' | 'account' | 'mock'} ModuleName
 * @typedef {{ status: number, body: string }} Answer what a request came back with
 * @typedef {Promise<Answer> & { settled?: Answer }} PendingAnswer an answer on its way, with
 *   `settled` set once it came (so a module that arrives later shows it in its first render)
 * @typedef {{ eligibility?: { answer?: Promise<unknown>, settled?: unknown } }} Handover what the
 *   offer module hands the checkout module on Pay later (the shopper's eligibility on its way)
 * @typedef {object} Glue a module's wasm-bindgen glue (its exports: src/lib.rs): what this file calls
 * @property {(init: { module_or_path: Promise<Response> }) => Promise<{ memory: WebAssembly.Memory }>} default
 * @property {(host: HTMLElement, handover?: Handover, problem?: string) => void} mountHost
 * @property {(host: HTMLElement, problem?: string) => void} setEmbeddingProblem
 * @property {(host: HTMLElement) => boolean} unmountHost
 * @property {(host: HTMLElement, token: string) => void} setSessionToken a renewed session for the widget of `host`
 * @property {(tag: string) => string | undefined} localeToLoad the locale file the module needs for `tag`, if it lacks it
 * @property {(file: string, json: string) => number} setLocaleMessages how many texts were taken (throws the reason a file is refused)
 * @property {() => number} [liveWidgets]
 * @property {(method: string, path: string, query: string, authorization: string | null, idempotencyKey: string | undefined, body: string) => Promise<Answer>} handle the mock module's API
 * @property {(method: string, path: string, body: string, idempotencyKey?: string) => Promise<Answer>} demoMerchantRequest the mock module's merchant API
 * @typedef {{ glue: Glue, wasm: { memory: WebAssembly.Memory }, url: string }} LoadedModule
 * @typedef {object} HostState what this script knows of a host element
 * @property {number} generation bumped by every mount and unmount: a load that finds another one stops
 * @property {ModuleName[]} modules
 * @property {string | undefined} token the session token (memory only)
 * @property {string | undefined} problem what `mount` or `update` was given that cannot be an
 *   option (an amount as a number…): handed to the widget, which says so; never written to the page
 * @property {HTMLElement | undefined} part the account part of a `view="both"` host
 * @property {MutationObserver | undefined} mirror copies the host's options onto `part`
 * @property {{ remove(): void } | undefined} [failure] the notice shown instead of the widget
 * @typedef {'network' | 'crashed'} FailureKind
 */

/** @type {Record<ModuleName, string>} */
const MODULES = { offer: 'pay-later-offer', checkout: 'pay-later-checkout', account: 'pay-later-account', mock: 'pay-later-mock' };
const HOST_ATTRIBUTE = 'data-pay-later';
const CUSTOM_ELEMENT = 'pay-later-checkout';
/**
 * Loads in progress or done, by module name: one fetch per module per page. A failed load is
 * forgotten, so that "Try again" fetches it again.
 */
/** @type {Map<ModuleName, Promise<LoadedModule>>} */
const loads = new Map();
/** The modules loaded so far (their exports, memory and wasm URL), by name. */
/** @type {Map<ModuleName, LoadedModule>} */
const loaded = new Map();
/**
 * How many times each module was instantiated again after a crash: a fresh instance is imported
 * under a URL of its own (`?instance=N`), since the page keeps one instance per URL.
 */
/** @type {Map<ModuleName, number>} */
const instances = new Map();
/** The host elements with a widget (or a notice) of this script's, for a crash to find them. */
/** @type {Set<HTMLElement>} */
const mounted = new Set();
/**
 * What this script knows of each host element: the modules it wants, its session token (memory
 * only), the account part of a `view="both"` element, and a generation that makes a mount
 * superseded by an unmount (or another mount) before its module arrived do nothing.
 */
/** @type {WeakMap<HTMLElement, HostState>} */
const hosts = new WeakMap();
/**
 * The host of each account part (`view="both"`): the part's widget reads its host's options and
 * session token.
 * @type {WeakMap<HTMLElement, HTMLElement>}
 */
const partOwners = new WeakMap();
/**
 * What this script knows of `element`'s host: of the element, or of the host it is the account
 * part of.
 * @param {HTMLElement} element
 * @returns {HostState | undefined}
 */
const hostStateOf = (element) => hosts.get(element) ?? hosts.get(partOwners.get(element) ?? element);

/**
 * The SHA-384 of each module's files, written here by the build (scripts/post-build.mjs): each is
 * fetched with its hash, so a file changed on the way or on the server is refused.
 * @type {Record<string, string>}
 */
const INTEGRITY = {};
/**
 * Which module shows which view, written by the build from the module crates' own declarations
 * (scripts/post-build.mjs): `first`, what a page with the view loads before the shopper touches
 * it; `whole`, the whole view at once (`checkout: { first: 'offer', whole: 'checkout' }`).
 * @type {Record<string, { first: ModuleName, whole: ModuleName }>}
 */
const VIEW_MODULES = {};
/**
 * Where the modules are: beside this file, unless `PayLater.configure({ assetsUrl })` says
 * otherwise (a bundler that moved this file into its own bundle).
 */
let assetsUrl = new URL('./', import.meta.url);

/**
 * @typedef {{ createScriptURL(url: string): string }} ScriptUrlPolicy what this file asks of the
 *   `pay-later` Trusted Types policy (the browser's returns a TrustedScriptURL, which a script's
 *   `src` takes as it takes a string)
 * @typedef {{ createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy }} TrustedTypePolicyFactory
 */
const POLICY_NAME = 'pay-later';
/** A module's glue, as this file names it: `pay-later-<module>.js`, a fresh instance `?instance=N`. */
const MODULE_GLUE = /^\/(?:[^?#]*\/)?pay-later-(?:offer|checkout|account|mock)\.js(?:\?instance=\d+)?$/;
/**
 * The one place this file turns a string into a script URL: `url` when it is the glue of one of
 * the widget's modules on the origin this file came from; anything else throws, naming the URL.
 * It is the `pay-later` Trusted Types policy's rule, and the same check where the browser has no
 * Trusted Types. The policy has no createHTML: the widget never turns a string into HTML (its
 * views create their elements one by one: vendor/README.md).
 * @param {string} url
 * @returns {string}
 */
function ownModuleUrl(url) {
  const parsed = new URL(url, document.baseURI);
  const origin = new URL(import.meta.url).origin;
  if (parsed.origin === origin && MODULE_GLUE.test(parsed.pathname + parsed.search) && !parsed.hash) return parsed.href;
  throw new TypeError(
    `[pay-later] the Trusted Types policy "${POLICY_NAME}" refuses ${url}: it accepts only the widget's own modules (pay-later-*.js) from ${origin}, where pay-later.js came from; serve the modules beside pay-later.js (PayLater.configure({ assetsUrl }) on that origin)`,
  );
}
/** @type {ScriptUrlPolicy | undefined} */
let scriptUrlPolicy;
/** Why the browser would not create the policy (the page's `trusted-types` does not name it), if so. */
let policyRefused = '';
/**
 * The `pay-later` policy, created on the first module this file loads (the same rule as a plain
 * function where the browser has no Trusted Types, or would not create it: a page that lists
 * policies without enforcing them still takes plain strings). No `default` policy is created.
 * @returns {ScriptUrlPolicy}
 */
function policy() {
  if (!scriptUrlPolicy) {
    const factory = /** @type {{ trustedTypes?: TrustedTypePolicyFactory }} */ (globalThis).trustedTypes;
    try {
      scriptUrlPolicy = factory?.createPolicy(POLICY_NAME, { createScriptURL: ownModuleUrl });
    } catch (error) {
      policyRefused = messageOf(error);
    }
    scriptUrlPolicy ??= { createScriptURL: ownModuleUrl };
  }
  return scriptUrlPolicy;
}

/**
 * Runs a module's glue through a script element carrying its integrity, then imports it (the
 * same module, from the page's module map): `import()` alone cannot check a hash. The URL goes
 * through the `pay-later` policy (pages that enforce Trusted Types refuse a plain string there).
 * @param {string} url
 * @param {string | undefined} integrity `sha384-…`, written by the build
 * @returns {Promise<Glue>}
 */
function importChecked(url, integrity) {
  if (!integrity) return import(url);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.type = 'module';
    try {
      script.src = policy().createScriptURL(url);
    } catch (error) {
      if (!policyRefused) throw error;
      throw new Error(
        `[pay-later] this page requires Trusted Types and its Content-Security-Policy does not allow the widget's policy "${POLICY_NAME}" (${policyRefused}): add it to the trusted-types directive, e.g. "trusted-types ${POLICY_NAME} <your own policies>"`,
      );
    }
    script.integrity = integrity;
    script.crossOrigin = 'anonymous';
    script.onload = () => resolve(import(url));
    script.onerror = () => reject(new Error(`${url} did not load or does not match its integrity hash`));
    script.dataset.payLaterModule = '';
    document.head.append(script);
  });
}

/**
 * Loads module `name` (its glue and wasm, each checked against its hash) once per page; a failed
 * load is forgotten, so that Try again fetches it again.
 * @param {ModuleName} name
 * @returns {Promise<LoadedModule>}
 */
function load(name) {
  let pending = loads.get(name);
  if (!pending) {
    pending = (async () => {
      const glueFile = `${MODULES[name]}.js`;
      const wasmFile = `${MODULES[name]}_bg.wasm`;
      const instance = instances.get(name) ?? 0;
      const fresh = (/** @type {URL} */ u) => (instance ? new URL(`?instance=${instance}`, u) : u);
      // Checked before anything is fetched: nothing is asked of an origin the policy refuses.
      const glueUrl = ownModuleUrl(fresh(new URL(glueFile, assetsUrl)).href);
      // The wasm is fetched beside the glue, not after it (one round trip less on a phone), and
      // compiled while it streams in.
      const url = fresh(new URL(wasmFile, assetsUrl));
      const integrity = INTEGRITY[wasmFile];
      const response = fetch(url, integrity ? { integrity } : {}).then((r) => {
        if (!r.ok) throw new Error(`${url} answered HTTP ${r.status}`);
        return r;
      });
      response.catch(() => {}); // reported through the load below, not as an unhandled rejection
      const glue = await importChecked(glueUrl, INTEGRITY[glueFile]);
      const wasm = await glue.default({ module_or_path: response }).catch((e) => {
        throw integrity
          ? new Error(`${url}: ${messageOf(e)} (a network error, or the file does not match its integrity hash ${integrity}: see the browser's message)`)
          : e;
      });
      const module = { glue, wasm, url: url.href };
      loaded.set(name, module);
      return module;
    })();
    pending.catch(() => loads.delete(name));
    loads.set(name, pending);
  }
  return pending;
}

/**
 * Demo builds: the checkout and account modules send requests without an API base URL here, to
 * the page's one mock (see crates/mock), so both see the same bills.
 */
/**
 * @param {string} method
 * @param {string} path
 * @param {string} query
 * @param {string | null} authorization
 * @param {string | null | undefined} idempotencyKey
 * @param {string} body
 * @returns {Promise<Answer>}
 */
const pageMock = async (method, path, query, authorization, idempotencyKey, body) => {
  const { glue } = await load('mock');
  return glue.handle(method, path, query, authorization, idempotencyKey ?? undefined, body);
};
Object.assign(globalThis, { __payLaterPageMock: pageMock });

/**
 * Answers fetched before a module asked, by the URL the module will ask for (`mock:` and the path
 * for the page's mock): taken once. Only the public offer is fetched so.
 */
/** @type {Map<string, PendingAnswer>} */
const prefetched = new Map();
const PREFETCH_TIMEOUT_MS = 15000;

/**
 * Starts the provider's offer for a checkout host (`GET /v1/offers`: public, no session token), in
 * parallel with its module: the module's own request for the same URL takes this answer
 * (src/api/prefetch.rs). The module decides what to show; a URL written differently here (an
 * amount not in its canonical form) only means the module fetches it itself.
 * @param {HTMLElement} element
 */
function prefetchOffer(element) {
  const amount = option(element, 'amount')?.trim();
  if (!amount) return;
  const query = `amount=${amount}&currency=${(option(element, 'currency') ?? 'CNY').trim()}&merchant_id=${encodeURIComponent(option(element, 'merchant-id') ?? '')}`;
  const base = option(element, 'api-base-url')?.trim().replace(/\/+$/, '');
  /** @type {string} */
  let key;
  /** @type {PendingAnswer} */
  let answer;
  if (base) {
    key = `${base}/v1/offers?${query}`;
    answer = fetch(key, {
      headers: { accept: 'application/json, application/problem+json' },
      credentials: 'omit',
      signal: AbortSignal.timeout(PREFETCH_TIMEOUT_MS),
    }).then(async (r) => ({ status: r.status, body: await r.text() }));
  } else if (INTEGRITY['pay-later-mock_bg.wasm']) {
    key = `mock:/v1/offers?${query}`;
    answer = pageMock('GET', '/v1/offers', query, null, null, '');
  } else {
    return;
  }
  answer.catch(() => {}); // the module then asks for it itself
  // Kept on the promise once it came, so a module that arrives later shows it in its first render.
  answer.then(
    (settled) => {
      answer.settled = settled;
    },
    () => {},
  );
  prefetched.set(key, answer);
}

/** What the modules call on the loader (src/api/prefetch.rs, src/handover.rs). */
const loaderCalls = {
  /**
   * The prefetched answer for `key`, once (a Promise of `{status, body}`, with `settled` set to
   * that answer once it came), or undefined.
   * @param {string} key
   */
  takePrefetched(key) {
    const answer = prefetched.get(key);
    prefetched.delete(key);
    return answer;
  },
  /**
   * Pay later, pressed in the offer module: the checkout module takes `element` over, with what
   * the offer module hands it (the shopper's token and eligibility on its way).
   * @param {HTMLElement} element
   * @param {Handover} handover
   */
  upgrade(element, handover) {
    upgradeElement(element, handover);
  },
  /**
   * The shopper's session token for `element` (a host, or the account part of a `view="both"`
   * host): this file is the page's one store of it, in memory only, whichever module asks.
   * @param {HTMLElement} element
   * @returns {string | undefined}
   */
  sessionToken(element) {
    return hostStateOf(element)?.token;
  },
  /**
   * Keeps `token` for `element`: one the page wrote as `data-session-token`, which the widget took
   * off the page (the widget that found it renews its own session).
   * @param {HTMLElement} element
   * @param {string} token
   */
  keepSessionToken(element, token) {
    const state = hostStateOf(element) ?? stateOf(element);
    state.token = token;
  },
};
Object.assign(globalThis, { __payLater: loaderCalls });

/** Option names (camelCase, as in `PayLater.mount`) and the attributes they become. */
/** @type {Record<string, string>} */
const OPTIONS = {
  amount: 'amount',
  currency: 'currency',
  locale: 'locale',
  merchantId: 'merchant-id',
  orderId: 'order-id',
  apiBaseUrl: 'api-base-url',
  sessionToken: 'session-token',
  timeoutMs: 'timeout-ms',
  mockLatencyMs: 'mock-latency-ms',
  view: 'view',
  theme: 'theme',
  translations: 'translations',
};
const NUMBER_OPTIONS = new Set(['timeoutMs', 'mockLatencyMs']);

/**
 * What this script knows of `element`, created on first need.
 * @param {HTMLElement} element
 * @returns {HostState}
 */
function stateOf(element) {
  let state = hosts.get(element);
  if (!state) {
    state = { generation: 0, modules: [], token: undefined, problem: undefined, part: undefined, mirror: undefined };
    hosts.set(element, state);
  }
  return state;
}

/**
 * An option of `element`: `data-{name}`, or on `<pay-later-checkout>` also `{name}`.
 * @param {Element} element
 * @param {string} name the attribute's name without `data-`
 * @returns {string | null}
 */
function option(element, name) {
  return element.getAttribute(`data-${name}`) ?? (element.localName === CUSTOM_ELEMENT ? element.getAttribute(name) : null);
}

/**
 * The modules a host needs for its view (an unknown view goes to the checkout, which says so): a
 * checkout starts with the small offer module, unless the page already has the whole checkout.
 * @param {HTMLElement} element
 * @returns {ModuleName[]}
 */
function modulesFor(element) {
  const view = (option(element, 'view') ?? '').trim();
  /** @param {string} name */
  const shown = (name) => {
    const { first, whole } = VIEW_MODULES[name];
    return loaded.has(whole) ? whole : first;
  };
  if (view === 'bills') return [shown('bills')];
  if (view === 'both') return [shown('checkout'), shown('bills')];
  return [shown('checkout')];
}

/**
 * The views of a module list, whichever module shows the checkout.
 * @param {ModuleName[]} modules
 */
const viewsOf = (modules) => modules.map((name) => (name === 'offer' ? 'checkout' : name)).join();

/**
 * Writes `options` onto `element` as data-* attributes (the widget reads and checks them there, as
 * it does an element's own); what cannot be an attribute (a value of the wrong JavaScript type, an
 * unknown name) is kept as the host's problem and handed to its widgets, which show the notice.
 * @param {HTMLElement} element
 * @param {unknown} options what the page passed (checked here: it may be anything)
 * @returns {string[]}
 */
function applyOptions(element, options) {
  /** @type {string[]} */
  const problems = [];
  const given = options !== null && typeof options === 'object' ? options : {};
  if (given !== options) problems.push('options must be an object such as { amount: "1299.00", currency: "CNY" }');
  for (const [key, value] of Object.entries(given)) {
    const attribute = OPTIONS[key];
    if (!attribute) {
      problems.push(`unknown option "${key}": use ${Object.keys(OPTIONS).join(', ')}`);
      continue;
    }
    if (key === 'sessionToken') {
      // In memory only: never written to the DOM, where session-replay scripts would record it.
      if (typeof value === 'string') setSessionToken(element, value);
      else problems.push(`sessionToken must be a string, not ${value === null ? 'null' : typeof value}`);
      continue;
    }
    if (value === undefined || value === null) {
      element.removeAttribute(`data-${attribute}`);
      continue;
    }
    if (key === 'translations') {
      // The widget checks the keys and placeholders and says what is wrong.
      if (typeof value === 'object' && !Array.isArray(value)) element.setAttribute('data-translations', JSON.stringify(value));
      else
        problems.push(
          `translations must be an object such as { "offer.title": "Buy now, pay later" }, not ${Array.isArray(value) ? 'an array' : typeof value}`,
        );
      continue;
    }
    const ok = typeof value === 'string' || (NUMBER_OPTIONS.has(key) && Number.isInteger(value));
    if (!ok) {
      problems.push(
        key === 'amount'
          ? `amount must be a decimal string such as "1299.00", not the ${typeof value} ${String(value)}: a float cannot hold cents exactly`
          : `${key} must be a string, not ${typeof value}`,
      );
      continue;
    }
    element.setAttribute(`data-${attribute}`, String(value));
  }
  // The widget shows the shopper a plain notice and logs this message for the developer.
  const state = stateOf(element);
  state.problem = problems.length ? `[pay-later] ${problems.join('; ')}` : undefined;
  for (const [name, target] of targets(element, state)) loaded.get(name)?.glue.setEmbeddingProblem(target, state.problem);
  return problems;
}

/**
 * The elements a host's widgets live on, by module: the host, and for `view="both"` its account
 * part.
 * @param {HTMLElement} element
 * @param {HostState} state
 * @returns {[ModuleName, HTMLElement][]}
 */
function targets(element, state) {
  return state.modules.map((name) => [name, name === 'account' && state.part ? state.part : element]);
}

/**
 * Keeps `token` for `element` (in memory only) and gives it to the widgets mounted there.
 * @param {HTMLElement} element
 * @param {string} token
 */
function setSessionToken(element, token) {
  const state = stateOf(element);
  state.token = token;
  for (const [name, target] of targets(element, state)) loaded.get(name)?.glue.setSessionToken(target, token);
}

/**
 * The account part of a `view="both"` host: a child in the checkout's `account` slot, with the
 * host's options (copied now and on every change) and `view="bills"`.
 * @param {HTMLElement} element
 * @param {HostState} state
 * @returns {HTMLElement}
 */
function accountPart(element, state) {
  if (!state.part) {
    const part = element.ownerDocument.createElement('div');
    part.slot = 'account';
    state.part = part;
    partOwners.set(part, element);
    state.mirror = new MutationObserver(() => mirrorOptions(element, part));
    // Created before the checkout's own observer, so it reads a new session-token attribute
    // before the checkout moves it into memory.
    state.mirror.observe(element, { attributes: true });
  }
  mirrorOptions(element, state.part);
  if (state.part.parentNode !== element) element.append(state.part);
  return state.part;
}

const NOT_OPTIONS = new Set(['id', 'class', 'style', 'slot', 'view', 'data-view', HOST_ATTRIBUTE, 'data-pay-later-id']);
/**
 * Copies the options of `element` onto its account part `part`, with `view="bills"`.
 * @param {HTMLElement} element
 * @param {HTMLElement} part
 */
function mirrorOptions(element, part) {
  const wanted = new Map();
  for (const { name, value } of element.attributes) {
    if (NOT_OPTIONS.has(name)) continue;
    if (name.startsWith('data-')) wanted.set(name, value);
    else if (element.localName === CUSTOM_ELEMENT && !name.startsWith('aria-')) wanted.set(`data-${name}`, value);
  }
  wanted.set('data-view', 'bills');
  for (const { name } of [...part.attributes]) {
    if (name.startsWith('data-') && name !== 'data-pay-later-id' && !wanted.has(name)) part.removeAttribute(name);
  }
  for (const [name, value] of wanted) if (part.getAttribute(name) !== value) part.setAttribute(name, value);
}

/**
 * The texts of the languages that are not built in (Traditional Chinese, Japanese, Korean), by
 * locale file: fetched once per page, with their integrity, when a widget first needs them.
 */
/** @type {Map<string, Promise<string>>} */
const messageLoads = new Map();
/**
 * The texts of locale file `file` (`ja`, `zh-Hant`…), fetched once per page.
 * @param {string} file
 * @returns {Promise<string>}
 */
function messages(file) {
  let pending = messageLoads.get(file);
  if (!pending) {
    const name = `pay-later-locale-${file}.json`;
    const integrity = INTEGRITY[name];
    pending = fetch(new URL(name, assetsUrl), integrity ? { integrity } : {}).then((r) => {
      if (!r.ok) throw new Error(`${name} answered HTTP ${r.status}`);
      return r.text();
    });
    pending.catch(() => messageLoads.delete(file));
    messageLoads.set(file, pending);
  }
  return pending;
}

/**
 * The language a host asks for: its locale option, else the page's `lang` around it.
 * @param {HTMLElement} element
 */
function localeOf(element) {
  return option(element, 'locale') ?? element.closest('[lang]')?.getAttribute('lang') ?? '';
}

/**
 * The locale file the widget will most likely ask for when it shows `tag` (the module decides:
 * `localeToLoad`), fetched beside the module instead of after it. A wrong guess costs a file,
 * never a wrong text: the module's own answer is what is loaded and used.
 * @param {string} tag
 * @returns {string | null}
 */
function likelyLocaleFile(tag) {
  const [language, ...rest] = tag.trim().toLowerCase().split(/[-_]/);
  if (language === 'zh') return rest.some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part)) ? 'zh-Hant' : 'zh-CN';
  return ['ja', 'ko'].includes(language) ? language : null;
}

/**
 * Whether one of `modules` lacks the texts of `tag`.
 * @param {string} tag
 * @param {ModuleName[]} modules
 */
function lacksMessages(tag, modules) {
  return modules.some((name) => loaded.get(name)?.glue.localeToLoad(tag));
}

/**
 * Gives each of `modules` the texts of `tag` if it lacks them. A file that does not load leaves
 * the widget in English (the fallback), with a warning for the developer.
 * @param {string} tag
 * @param {ModuleName[]} modules
 */
async function ensureMessages(tag, modules) {
  for (const name of modules) {
    const file = loaded.get(name)?.glue.localeToLoad(tag);
    if (!file) continue;
    try {
      const json = await messages(file);
      loaded.get(name)?.glue.setLocaleMessages(file, json);
    } catch (error) {
      console.warn(`[pay-later] the ${file} texts did not load (${messageOf(error)}): the widget shows English`);
    }
  }
}

/**
 * Mounts the widgets of `element` from its modules, loaded already.
 * @param {HTMLElement} element
 * @param {HostState} state
 * @param {Handover} [handover] for the checkout module, from the offer module's Pay later
 */
function mountLoaded(element, state, handover) {
  for (const [name, target] of targets(element, state)) {
    const glue = loaded.get(name)?.glue;
    if (!glue) continue;
    // A trap while mounting is a crash like any other (caught here, not by the page's handlers).
    try {
      glue.mountHost(target, name === 'checkout' ? handover : undefined, state.problem);
    } catch (error) {
      if (!crashed(error)) throw error;
    }
  }
}

/**
 * Pay later in the offer module: loads the checkout module (once per page), then mounts it on
 * `element` in the offer module's place with `handover`. The shopper sees the offer module's
 * loading state until then.
 * @param {HTMLElement} element
 * @param {Handover} handover
 */
function upgradeElement(element, handover) {
  const state = hosts.get(element);
  if (!state?.modules.includes('offer')) return;
  const generation = ++state.generation;
  // Kept beside its promise once it came, so the checkout shows the plans in its first render.
  const eligibility = handover?.eligibility;
  eligibility?.answer?.then(
    (answer) => {
      if (answer) eligibility.settled = answer;
    },
    () => {},
  );
  load('checkout').then(
    async () => {
      await ensureMessages(localeOf(element), ['checkout']);
      if (state.generation !== generation || !element.isConnected) return;
      loaded.get('offer')?.glue.unmountHost(element);
      state.modules = state.modules.map((name) => (name === 'offer' ? 'checkout' : name));
      mountLoaded(element, { ...state, modules: ['checkout'] }, handover);
    },
    (error) => {
      if (state.generation !== generation) return;
      loaded.get('offer')?.glue.unmountHost(element);
      showFailure(element, state, error, 'network');
    },
  );
}

/**
 * Mounts (or mounts again) the widget of `element`: at once if its modules are here, else once
 * they are loaded.
 * @param {HTMLElement} element
 */
function mountElement(element) {
  const state = stateOf(element);
  unmountElement(element);
  mounted.add(element);
  const generation = ++state.generation;
  state.modules = modulesFor(element);
  if (state.modules.length > 1) accountPart(element, state);
  if (state.modules.every((name) => loaded.has(name)) && !lacksMessages(localeOf(element), state.modules)) {
    mountLoaded(element, state);
    return;
  }
  // What the widget will ask for first, fetched beside its module rather than after it.
  const likely = likelyLocaleFile(localeOf(element) || 'zh-CN');
  if (likely) messages(likely).catch(() => {}); // reported when the module asks for it
  if (state.modules.includes('offer')) prefetchOffer(element);
  Promise.all(state.modules.map(load)).then(
    async () => {
      await ensureMessages(localeOf(element), state.modules);
      if (state.generation === generation && element.isConnected) mountLoaded(element, state);
    },
    (error) => {
      if (state.generation === generation) showFailure(element, state, error, 'network');
    },
  );
}

/**
 * Unmounts whatever `element` shows; returns whether a widget was mounted there.
 * @param {HTMLElement} element
 */
function unmountElement(element) {
  const state = hosts.get(element);
  mounted.delete(element);
  if (!state) return false;
  state.generation++;
  let found = false;
  for (const [name, target] of targets(element, state)) {
    if (loaded.get(name)?.glue.unmountHost(target)) found = true;
  }
  state.mirror?.disconnect();
  state.part?.remove();
  state.part = state.mirror = undefined;
  state.failure?.remove();
  state.failure = undefined;
  return found;
}

/**
 * An error's message, for a person to read.
 * @param {unknown} error
 */
const messageOf = (error) => String(error && typeof error === 'object' && 'message' in error && error.message ? error.message : error);

const FAILURE_CSS = `
div { font: 14px/1.5 system-ui, sans-serif; color: #1f2328; background: #fff; border: 1px solid #d0d7de;
  border-left: 4px solid #cf222e; border-radius: 8px; padding: 12px 16px; }
p { margin: 0 0 8px; } p:first-child { font-weight: 700; margin: 0; } p + p { color: #57606a; }
button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid #57606a; background: #f6f8fa; color: #1f2328; cursor: pointer; }
button:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }`;

/**
 * A module could not be fetched (offline, blocked, a broken deploy: `kind` "network"), or its code
 * trapped ("crashed"): the shopper sees the same notice as for options that cannot work, with Try
 * again; the page gets `paylater:error`.
 * @param {HTMLElement} element
 * @param {HostState} state
 * @param {unknown} error
 * @param {FailureKind} kind
 */
function showFailure(element, state, error, kind) {
  const zh = (option(element, 'locale') ?? element.closest('[lang]')?.getAttribute('lang') ?? 'zh-CN').toLowerCase().startsWith('zh');
  const crash = kind === 'crashed';
  const words = zh
    ? ['此处暂不能使用先享后付', crash ? '先享后付出错了。请重试，或选择其他付款方式。' : '先享后付未能加载。请检查网络后重试，或选择其他付款方式。', '重试']
    : [
        'Pay later is unavailable here',
        crash
          ? 'Something went wrong in Pay later. Try again, or choose another payment method.'
          : 'Pay later could not load. Check your connection and try again, or choose another payment method.',
        'Try again',
      ];
  if (crash) console.error(`[pay-later] the widget's module (${state.modules.join(', ')}) crashed; its widgets show a notice with Try again:`, error);
  else console.error(`[pay-later] could not load the widget's module (${state.modules.join(', ')}) from ${new URL('./', import.meta.url).href}:`, error);
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  root.replaceChildren();
  // Styles adopted, not inline: a strict `style-src 'self'` CSP is kept.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(FAILURE_CSS);
  root.adoptedStyleSheets = [sheet];
  /** @type {<K extends keyof HTMLElementTagNameMap>(tag: K, text: string) => HTMLElementTagNameMap[K]} */
  const make = (tag, text) => Object.assign(element.ownerDocument.createElement(tag), { textContent: text });
  const panel = make('div', '');
  panel.setAttribute('role', 'alert');
  panel.dataset.status = 'load-failed';
  const retry = make('button', words[2]);
  retry.type = 'button';
  retry.addEventListener('click', () => {
    root.replaceChildren();
    mountElement(element);
  });
  panel.append(make('p', words[0]), make('p', words[1]), retry);
  root.append(panel);
  state.failure = { remove: () => panel.remove() };
  const detail = { call: 'module', kind, code: null, message: messageOf(error) };
  element.dispatchEvent(new CustomEvent('paylater:error', { detail, bubbles: true, composed: true }));
}

/**
 * The module a trap came from: the one whose wasm URL its stack names (each instance has its own
 * URL), or one of its parts' (`pay-later-account-repay-dialog_bg.wasm`: fetched on a click, they
 * share the module's memory), else the only one loaded.
 * @param {unknown} error
 * @returns {ModuleName | null}
 */
function trappedModule(error) {
  if (!(error instanceof WebAssembly.RuntimeError)) return null;
  const stack = String(error.stack ?? '');
  for (const [name, module] of loaded) if (stack.includes(module.url)) return name;
  for (const [name] of loaded) if (stack.includes(new URL(`${MODULES[name]}-`, assetsUrl).href)) return name;
  return loaded.size === 1 ? [...loaded.keys()][0] : null;
}

/**
 * A trap (a panic in a release build): the module's instance is dead, and nothing may call it
 * again. Its widgets are replaced by the notice, with Try again, which loads a fresh instance.
 * Returns whether `error` was such a trap.
 * @param {unknown} error
 */
function crashed(error) {
  const name = trappedModule(error);
  if (!name) return false;
  loaded.delete(name);
  loads.delete(name);
  instances.set(name, (instances.get(name) ?? 0) + 1);
  for (const element of [...mounted]) {
    const state = hosts.get(element);
    if (state?.modules.includes(name)) {
      state.generation++;
      state.mirror?.disconnect();
      state.part?.remove();
      state.part = state.mirror = undefined;
      showFailure(element, state, error, 'crashed');
    }
  }
  return true;
}
// Traps in event handlers and timers reach the window as errors, in futures as rejections.
addEventListener('error', (event) => {
  if (crashed(event.error)) event.preventDefault();
});
addEventListener('unhandledrejection', (event) => {
  if (crashed(event.reason)) event.preventDefault();
});

/**
 * What `PayLater.mount` returns for `element`.
 * @param {HTMLElement} element
 */
function handleFor(element) {
  return {
    element,
    /** @param {unknown} options the options to change (the others stay as they are) */
    update(options) {
      const state = stateOf(element);
      const apply = () => {
        const before = viewsOf(state.modules);
        applyOptions(element, options);
        // Another view may need another module: mount again (otherwise the widget follows its
        // attributes in place).
        if (viewsOf(modulesFor(element)) !== before) mountElement(element);
      };
      // A language whose texts are not here yet: they come first, then the change.
      const locale = options && typeof options === 'object' && 'locale' in options ? options.locale : null;
      const tag = typeof locale === 'string' ? locale : null;
      if (tag && lacksMessages(tag, state.modules)) ensureMessages(tag, state.modules).then(apply);
      else apply();
    },
    unmount() {
      unmountElement(element);
    },
  };
}

export const PayLater = {
  /**
   * Mounts a widget in `element` with `options`; returns { element, update(options), unmount() }.
   * @param {unknown} element the element to render in (checked: a page may pass anything)
   * @param {unknown} [options]
   */
  mount(element, options = {}) {
    if (!(element instanceof HTMLElement)) {
      const message = `[pay-later] PayLater.mount needs an element to render in, got ${element === null ? 'null' : typeof element}: pass e.g. document.getElementById('pay-later')`;
      console.error(message);
      throw new TypeError(message);
    }
    applyOptions(element, options);
    mountElement(element);
    return handleFor(element);
  },
  /**
   * Unmounts the widget in `element`, if any.
   * @param {unknown} element
   */
  unmount(element) {
    return element instanceof HTMLElement ? unmountElement(element) : false;
  },
  /**
   * How many widgets are mounted on the page (a `view="both"` element has two: its checkout and
   * its account).
   */
  liveWidgets() {
    let count = 0;
    for (const { glue } of loaded.values()) count += glue.liveWidgets ? glue.liveWidgets() : 0;
    return count;
  },
  /**
   * The WebAssembly memory of the modules loaded so far, in bytes (for diagnostics and
   * benchmarks), in all and by module.
   */
  memory() {
    const modules = Object.fromEntries([...loaded].map(([name, { wasm }]) => [name, wasm.memory.buffer.byteLength]));
    return { wasmBytes: Object.values(modules).reduce((a, b) => a + b, 0), modules };
  },
  /**
   * Where the modules are, when this file is not served beside them (a bundler put it in its own
   * bundle): `PayLater.configure({ assetsUrl: '/static/pay-later/' })`, before the first mount
   * (the elements already on the page are mounted after the importing module has run).
   */
  configure(/** @type {{ assetsUrl?: string | URL }} */ { assetsUrl: url } = {}) {
    if (url === undefined) return;
    if (loads.size) console.warn('[pay-later] configure({ assetsUrl }) after a module was loaded applies to the next modules only');
    assetsUrl = new URL(String(url).endsWith('/') ? String(url) : `${url}/`, document.baseURI);
  },
  /**
   * Loads the modules `view` needs ('checkout', 'bills' or 'both') ahead of a mount, e.g. when the
   * shopper moves towards the account page; resolves when they are ready. Mounting never needs it.
   */
  async preload(view = 'checkout') {
    // The whole checkout: a page that asks for it ahead will not need the offer module.
    /** @type {ModuleName[]} */
    const names = (view === 'both' ? ['checkout', 'bills'] : [view === 'bills' ? 'bills' : 'checkout']).map((v) => VIEW_MODULES[v].whole);
    await Promise.all(names.map(load));
  },
  /** Which modules this page has loaded (for diagnostics and tests). */
  loadedModules() {
    return [...loaded.keys()];
  },
  /**
   * Demo builds only (the in-page mock): the demo page's stand-in for the merchant's server,
   * `request(method, path, body, idempotencyKey)` → Promise of `{status, body}` on the merchant
   * API with the demo key. A merchant build has no mock module: the promise is refused. A real
   * shop calls the provider from its own server.
   */
  demoMerchant: {
    /**
     * @param {string} method
     * @param {string} path
     * @param {string} [body]
     * @param {string} [idempotencyKey]
     */
    async request(method, path, body = '', idempotencyKey) {
      const { glue } = await load('mock');
      return glue.demoMerchantRequest(method, path, body, idempotencyKey);
    },
  },
};

/**
 * `<pay-later-checkout amount="…" currency="…" locale="…" …>`: mounts itself when connected,
 * follows its attribute changes, unmounts when removed.
 */
class PayLaterCheckout extends HTMLElement {
  connectedCallback() {
    mountElement(this);
  }
  disconnectedCallback() {
    unmountElement(this);
  }
}
if (!customElements.get(CUSTOM_ELEMENT)) customElements.define(CUSTOM_ELEMENT, PayLaterCheckout);

Object.assign(globalThis, { PayLater });

// The elements already on the page, once the module that imported this one has run (so that its
// `PayLater.configure` comes first).
queueMicrotask(() => {
  for (const element of document.querySelectorAll(`[${HOST_ATTRIBUTE}]:not(${CUSTOM_ELEMENT})`)) {
    if (element instanceof HTMLElement && !hosts.has(element)) mountElement(element);
  }
});

export default PayLater;
