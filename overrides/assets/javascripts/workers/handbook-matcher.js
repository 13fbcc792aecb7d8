/*
 * The handbook's search matcher: finds a query in the index hooks/handbook/search_index.py wrote at
 * build time, and answers in the shape Material's search results are drawn from.
 *
 * Nothing is segmented here, so a query can never be cut differently from the page: query and text
 * are normalized the same way (NFKC, katakana → hiragana, lower case: japanese.normalize at build
 * time) and compared as
 *   - whole phrases (the query, and each part between spaces) in the title, the text and, for
 *     Japanese, the hiragana reading of the words (so こうふきん finds 交付金);
 *   - character bigrams of the runs of Japanese characters (交付金 → 交付, 付金) and whole words of
 *     the rest (English words cut to what they share with their Lunr Porter stem, matched at the
 *     start of a word of the text: library → librar, found in library and libraries),
 *     weighted by how rare they are, so a query with a particle or a different ending still finds
 *     the section that holds most of it.
 * A section must hold at least half of the query's weight; exact phrases and titles rank first.
 * Usable from a worker (self.HandbookMatcher) and from Node (module.exports), for measurements.
 */
;(function (scope) {
  "use strict"

  const JAPANESE = /[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/
  const RUNS = /[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|(?:(?![\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+/gu
  const STOP_WORDS = new Set(("a an and are as at be by do does for from how i in is it of on or " +
    "that the this to what when where which who why with").split(" "))
  const MINIMUM_COVERAGE = 0.5
  const SNIPPET = 160 /* characters of text shown under a section's title */

  /* japanese.normalize: full-width letters and digits to half-width, katakana to hiragana, lower case */
  function normalize(text) {
    return text.normalize("NFKC")
      .replace(/[\u30a1-\u30f6]/g, c => String.fromCharCode(c.charCodeAt(0) - 0x60))
      .toLowerCase()
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" })[c])
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  }

  /* What a word and its stem have in common (library, librari → librar): found at the start of a word of
   * the text, it matches the word's other forms (libraries) as the stem would, without stemming the text */
  function root(word, stemmed) {
    let length = 0
    while (length < word.length && word[length] === stemmed[length])
      length++
    return length >= 3 ? word.slice(0, length) : word
  }

  /* The pieces of a normalized query part a section is scored on */
  function grams(part, stem) {
    const found = []
    for (const run of part.match(RUNS) || []) {
      if (JAPANESE.test(run[0])) {
        if (run.length === 1)
          found.push({ text: run, word: false })
        for (let i = 0; i + 1 < run.length; i++)
          found.push({ text: run.slice(i, i + 2), word: false })
      } else {
        found.push({ text: stem ? root(run, stem(run)) : run, word: true, stop: STOP_WORDS.has(run) })
      }
    }
    const useful = found.filter(gram => !gram.stop)
    const unique = new Map((useful.length ? useful : found).map(gram => [gram.text, gram]))
    for (const gram of unique.values())
      if (gram.word)
        gram.pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(gram.text)}`, "u")
    return [...unique.values()]
  }

  function contains(field, gram) {
    return field.includes(gram.text) && (!gram.word || gram.pattern.test(field))
  }

  function count(field, needle) {
    let n = 0
    for (let at = field.indexOf(needle); at !== -1 && n < 50; at = field.indexOf(needle, at + needle.length))
      n++
    return n
  }

  /* One character normalized; ASCII, kana and common kanji without the cost of NFKC */
  function normalizeChar(char) {
    const code = char.charCodeAt(0)
    if (code < 0x7f)
      return char.toLowerCase()
    if (code >= 0x30a1 && code <= 0x30f6)
      return String.fromCharCode(code - 0x60)
    if ((code >= 0x3041 && code <= 0x3096) || (code >= 0x4e00 && code <= 0x9fff))
      return char
    return normalize(char)
  }

  /* The text with its normalized form and, for each normalized character, where it came from */
  function aligned(text) {
    const norm = []
    const origin = []
    for (let i = 0; i < text.length;) {
      const char = String.fromCodePoint(text.codePointAt(i))
      const piece = normalizeChar(char)
      for (let k = 0; k < piece.length; k++)
        origin.push(i)
      norm.push(piece)
      i += char.length
    }
    origin.push(text.length)
    return { norm: norm.join(""), origin }
  }

  /* HTML of `text` (or of a window of it) with the needles marked */
  function highlight(text, normalized, needles, window) {
    /* Usually the normalized text is as long as the text, character for character */
    const { norm, origin } = normalized.length === text.length
      ? { norm: normalized, origin: null }
      : aligned(text)
    const source = at => origin ? origin[at] : at
    const ranges = []
    for (const needle of needles)
      for (let at = norm.indexOf(needle); at !== -1 && ranges.length < 100; at = norm.indexOf(needle, at + 1))
        ranges.push([source(at), source(at + needle.length)])
    ranges.sort((a, b) => a[0] - b[0])
    let start = 0
    let end = text.length
    if (window && text.length > window) {
      start = ranges.length ? Math.max(0, ranges[0][0] - Math.floor(window / 4)) : 0
      end = Math.min(text.length, start + window)
      start = Math.max(0, Math.min(start, end - window))
    }
    let html = start > 0 ? "…" : ""
    let at = start
    for (const [from, to] of ranges) {
      if (to <= at || from >= end)
        continue
      const a = Math.max(from, at)
      const b = Math.min(to, end)
      html += escapeHTML(text.slice(at, a)) + "<mark>" + escapeHTML(text.slice(a, b)) + "</mark>"
      at = b
    }
    html += escapeHTML(text.slice(at, end)) + (end < text.length ? "…" : "")
    return html
  }

  function create(index, options) {
    const stem = options && options.stem
    const pages = index.pages.map(([location, title]) => ({ location, title }))
    const sections = index.sections.map(([page, anchor, title, text, titleReading, textReading, weight]) => ({
      page,
      location: anchor ? `${pages[page].location}#${anchor}` : pages[page].location,
      title,
      text,
      normTitle: normalize(title),
      normText: normalize(text),
      titleReading,
      textReading,
      weight
    }))

    /* How the text writes what a kana query spells: each longest known reading in it, left to right
     * (せつりつそうかい → 設立, 総会), so a result and the page can mark the kanji found */
    const spellings = index.spellings || {}
    const longest = Math.max(0, ...Object.keys(spellings).map(reading => reading.length))
    function written(part) {
      const found = []
      for (let i = 0; i < part.length;) {
        let length = Math.min(longest, part.length - i)
        while (length >= 2 && !(part.slice(i, i + length) in spellings))
          length--
        if (length >= 2) {
          found.push(...spellings[part.slice(i, i + length)])
          i += length
        } else {
          i++
        }
      }
      return found
    }

    function inTitle(section, gram) {
      return contains(section.normTitle, gram) || (!gram.word && section.titleReading.includes(gram.text))
    }

    function inText(section, gram) {
      return contains(section.normText, gram) || (!gram.word && section.textReading.includes(gram.text))
    }

    function search(raw) {
      const query = normalize(raw).replace(/\s+/g, " ").trim()
      if (!query)
        return { items: [] }
      const parts = query.split(" ")
      const originals = raw.trim().split(/\s+/)
      const all = grams(query, stem)
      if (!all.length)
        return { items: [] }

      /* Where each piece is: 2 in the section's title, 1 in its text only, 0 not there */
      const where = sections.map(section =>
        all.map(gram => inTitle(section, gram) ? 2 : inText(section, gram) ? 1 : 0))

      /* Rarer pieces weigh more (inverse document frequency over the sections) */
      const weight = new Map()
      all.forEach((gram, g) => {
        const df = where.reduce((sum, places) => sum + (places[g] ? 1 : 0), 0)
        weight.set(gram, Math.log(1 + sections.length / (df + 0.5)))
      })
      const total = all.reduce((sum, gram) => sum + weight.get(gram), 0)
      const phrases = [...new Set([query, ...parts])].filter(phrase => phrase.length >= 2)

      /* Each section: which pieces it holds (in its title or text, as written or as read) */
      const candidates = new Map() /* page → its sections holding any piece */
      sections.forEach((section, s) => {
        let found = 0
        let inTitles = 0
        const matched = []
        all.forEach((gram, g) => {
          if (where[s][g]) {
            found += weight.get(gram)
            matched.push(gram)
          }
          if (where[s][g] === 2)
            inTitles += weight.get(gram)
        })
        if (!matched.length)
          return
        const coverage = found / total
        let phrase = 0
        let occurrences = 0
        const exact = []
        for (const text of phrases) {
          const share = text === query ? 1 : text.length / query.length
          if (section.normTitle.includes(text) || section.titleReading.includes(text)) {
            phrase += 3 * share
            exact.push(text)
          } else if (section.normText.includes(text) || section.textReading.includes(text)) {
            phrase += 1.5 * share
            exact.push(text)
          }
          occurrences += count(section.normText, text) + count(section.textReading, text)
        }
        const score = section.weight *
          (4 * coverage ** 2 + 2 * inTitles / total + phrase + 0.3 * Math.log1p(occurrences))
        const list = candidates.get(section.page) || []
        list.push({ section, score, coverage, matched, exact })
        candidates.set(section.page, list)
      })

      /* A page must hold at least half of the query's weight, in one section or across its sections
       * (a query's words may be spread over a page). It ranks by its best section, then by how much
       * of the query the whole page holds and how often it comes back to it. */
      const ranked = []
      for (const [page, list] of candidates) {
        const held = new Set(list.flatMap(hit => hit.matched))
        const coverage = [...held].reduce((sum, gram) => sum + weight.get(gram), 0) / total
        if (coverage < MINIMUM_COVERAGE)
          continue
        list.sort((a, b) => b.score - a.score)
        const strong = list.filter(hit => hit.coverage >= MINIMUM_COVERAGE)
        const hits = strong.length ? strong : list.slice(0, 3)
        ranked.push([page, hits, hits[0].score + 2 * coverage ** 2 + 0.5 * Math.log(hits.length)])
      }
      ranked.sort((a, b) => b[2] - a[2])
      const items = []
      for (const [page, hits] of ranked) {
        const group = hits.map(hit => item(hit, originals, parts))
        if (!hits.some(hit => hit.section.location === pages[page].location))
          group.push({ location: pages[page].location, title: escapeHTML(pages[page].title), text: "", score: 0, terms: {} })
        items.push(group)
      }
      return { items }
    }

    function item({ section, score, matched, exact }, originals, parts) {
      /* What to mark: the phrases found as written, else the pieces found in the text; and the kanji
       * of what was found by its reading */
      const kanji = exact.flatMap(written).map(normalize)
        .filter(word => section.normTitle.includes(word) || section.normText.includes(word))
      const needles = [...exact, ...kanji]
      if (!needles.length)
        needles.push(...matched.map(gram => gram.text))
      const terms = {}
      originals.forEach((original, i) => {
        const part = parts[i] || ""
        terms[original] = exact.includes(part) || grams(part, stem).some(gram => matched.includes(gram) ||
          matched.some(other => other.text === gram.text))
      })
      for (const word of kanji)   /* Material adds the found terms to the link, to mark them on the page */
        terms[word] = true
      return {
        location: section.location,
        title: highlight(section.title, section.normTitle, needles),
        text: section.text ? `<p>${highlight(section.text, section.normText, needles, SNIPPET)}</p>` : "",
        score: Math.round(score * 1000) / 1000,
        terms
      }
    }

    return { search }
  }

  const api = { create, normalize }
  if (typeof module !== "undefined" && module.exports)
    module.exports = api
  else
    scope.HandbookMatcher = api
})(typeof self !== "undefined" ? self : globalThis)
