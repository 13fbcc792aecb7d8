/*
 * The search worker Material's search box talks to (SETUP → READY, QUERY → RESULT, as Material's own
 * worker does), answering from the index built at build time (hooks/search.py) with
 * handbook-matcher.js instead of building a Lunr index in the browser.
 *
 * Material sends SETUP with each page; online it carries only the index's address, and the index is
 * loaded when the reader puts the cursor in the search box: the page says so on the BroadcastChannel
 * "handbook-search" (overrides/main.html). Until the index is ready the worker does not answer READY,
 * so Material keeps showing 「検索の準備中…」 and sends the query typed meanwhile once it is.
 * The offline copy's SETUP carries the whole index (Material sends it when the search box opens).
 *
 * In the offline copy this runs in an iframe (Material's iframe-worker shim), where importScripts
 * loads asynchronously and our own address is the script tag's, not the location's.
 */
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3 /* Material's SearchMessageType */

const here = typeof document !== "undefined" && document.currentScript
  ? document.currentScript.src
  : self.location.href
const root = new URL("../../../", here) /* the site's root: assets/javascripts/workers/ is three down */
const listen = self.addEventListener.bind(self)
const post = self.postMessage.bind(self)

let setup = null      /* Material's SETUP data, once it came */
let wanted = false    /* the reader focused the search box */
let loading = null
let matcher = null
let pending = null    /* a query that came before the index was ready */

/* English stemming: Lunr's Porter stemmer, from the Lunr that Material's own worker bundles. Its
 * message listener is kept out of the way; no top-level binding may be named addEventListener,
 * as imported scripts would resolve to it. */
async function stemmer() {
  const materialWorker = new URL(here).searchParams.get("material").split("?")[0]
  self.addEventListener = (type, listener, options) => {
    if (type !== "message")
      listen(type, listener, options)
  }
  await importScripts(new URL(materialWorker, here).href)
  const lunr = self.lunr
  return word => lunr.stemmer(new lunr.Token(word)).toString()
}

/* The offline copy's index comes inside SETUP (an object from the page's realm: no instanceof) */
function inline() {
  return typeof setup.config.handbook_index === "object" && setup.config.handbook_index !== null
}

function load() {
  if (!setup || loading || !(wanted || inline()))
    return
  loading = (async () => {
    /* The index, the matcher and (for English) the stemmer all load at once */
    const index = inline()
      ? Promise.resolve(setup.config.handbook_index)
      : fetch(new URL(setup.config.handbook_index, root)).then(response => response.json())
    const [, stem] = await Promise.all([
      self.HandbookMatcher ? null : importScripts(new URL("handbook-matcher.js", here).href),
      setup.config.lang.includes("en") ? stemmer() : null
    ])
    matcher = self.HandbookMatcher.create(await index, { stem })
    post({ type: READY })
    if (pending !== null)
      answer(pending)
  })()
  loading.catch(error => console.warn("The search index could not be loaded", error))
}

function answer(query) {
  pending = null
  post({ type: RESULT, data: matcher.search(query) })
}

listen("message", event => {
  const message = event.data
  if (!message)
    return
  if (message.type === SETUP) {
    setup = message.data
    load()
  } else if (message.type === QUERY) {
    if (matcher)
      answer(message.data)
    else
      pending = message.data
  }
})

/* The page asks for the index when the search box gets focus; answering "ready?" covers a focus that
 * came before this worker was listening. The channel is shared by every tab of the handbook: a search
 * in another tab only makes this one load its index early. */
if (typeof BroadcastChannel !== "undefined") {
  const channel = new BroadcastChannel("handbook-search")
  channel.onmessage = event => {
    if (event.data === "load") {
      wanted = true
      load()
    }
  }
  channel.postMessage("ready?")
}
