/*
 * Material's search worker, with Japanese queries segmented the way the index was.
 *
 * Material tokenizes Japanese page text with TinySegmenter (小さな拠点 → 小さ / な / 拠点) but splits
 * a query only at spaces, and then re-cuts runs of kanji against the index. A query that mixes
 * kanji with hiragana or katakana therefore never matched a single indexed word. This worker
 * loads Material's own (named in ?material=) and passes it every query already segmented with the
 * same TinySegmenter. Words are not marked required (+): Material drops its trailing wildcard from
 * required words and re-cuts kanji runs, which would make them miss; Material already ranks results
 * that hold more of the query's words higher.
 */
const SETUP = 0, READY = 1, QUERY = 2 /* Material's SearchMessageType */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/

/* Material's worker registers its message listener on load; keep it instead, to call it ourselves.
 * (No top-level binding may be named addEventListener: imported scripts would resolve to it.)
 * In the offline copy this runs in an iframe (Material's iframe-worker shim), where importScripts
 * loads asynchronously and our own address is the script tag's, not the location's. */
let material
const listen = self.addEventListener.bind(self)
self.addEventListener = (type, listener, options) => {
  if (type === "message") material = listener
  else listen(type, listener, options)
}
const here = typeof document !== "undefined" && document.currentScript
  ? document.currentScript.src
  : self.location.href
const materialWorker = new URL(here).searchParams.get("material").split("?")[0]
importScripts(new URL(materialWorker, here).href)

let segmenter
function segment(query) {
  const lunr = self.lunr
  if (typeof lunr === "undefined" || /[:*~^"]|(^|\s)[+\-]/.test(query))
    return query                                 /* leave Lunr's search syntax alone */
  if ("TinySegmenter" in lunr)
    segmenter = segmenter || new lunr.TinySegmenter()
  return query
    .split(/\s+/)
    .filter(part => part.length > 0)
    .flatMap(part => JAPANESE.test(part)
      ? segmenter ? words(part) : [part]
      : withStem(part))
    .join(" ")
}

/* Material adds a trailing wildcard to every word, and Lunr does not stem words with a wildcard,
 * while the English index holds stems (welcome → welcom, library → librari): add the stem too. */
function withStem(word) {
  const stemmer = self.lunr.stemmer
  if (typeof stemmer !== "function" || !/^[a-z]+$/i.test(word))
    return [word]
  const stem = stemmer(new self.lunr.Token(word.toLowerCase())).toString()
  return stem && stem !== word.toLowerCase() ? [word, stem] : [word]
}

/* The words of one part of a query; a lone particle (の, を, に …) is dropped when others remain */
function words(part) {
  const all = segmenter.segment(part).filter(word => word.trim().length > 0)
  const content = all.filter(word => !/^[\u3040-\u309f]$/.test(word))
  return (content.length ? content : all).map(protectKanji)
}

/* Material re-cuts every run of kanji in a query against the index and keeps only a prefix of it
 * (見守り → 見り). A backslash between kanji hides the run from that step; Lunr's query parser then
 * drops the backslash, so the word is searched as written. */
function protectKanji(word) {
  return word.replace(/(\p{sc=Han})(?=\p{sc=Han})/gu, "$1\\")
}

/* The index a page fetches holds no text online: its config.handbook_docs names the file with the pages'
 * text (relative to the site's root), fetched on the first real query. Material is then set up
 * again with the text; its second READY is for us, not for the page, which is ready already. */
const root = new URL("../../../", here)
let stub = null
let loading = null
let swallowReady = null
const post = self.postMessage.bind(self)
self.postMessage = (message, ...rest) => {
  if (swallowReady && message && message.type === READY) {
    const resolve = swallowReady
    swallowReady = null
    resolve()
  } else {
    post(message, ...rest)
  }
}

function loadText() {
  loading = loading || fetch(new URL(stub.config.handbook_docs, root))
    .then(response => response.json())
    .then(docs => new Promise(resolve => {
      swallowReady = resolve
      material({ data: { type: SETUP, data: { ...stub, docs } } })
    }))
  return loading
}

listen("message", event => {
  const message = event.data
  if (message && message.type === SETUP && message.data && message.data.config.handbook_docs)
    stub = message.data
  if (message && message.type === QUERY && typeof message.data === "string") {
    const query = { data: { ...message, data: segment(message.data) } }
    if (stub && message.data.trim())
      loadText().then(() => material(query))
    else
      material(query)
  } else {
    material(event)
  }
})
