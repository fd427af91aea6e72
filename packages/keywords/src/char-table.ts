/**
 * What one code point becomes in the normalised text, computed once per code point and cached:
 * NFKC, case folding, diacritics removed, and a class for the tokeniser. ASCII is precomputed;
 * everything else is computed on first sight and kept in flat typed arrays (no per-character
 * allocation on the hot path).
 */

/** Unit kinds (low 3 bits of an info byte). */
export const K_SEP = 0;
export const K_WORD = 1;
/** A letter of a script written without spaces (Han, kana, Hangul, Thai…): its own token. */
export const K_CJK = 2;
export const K_EMOJI = 3;
/** Removed without breaking the word: combining marks, zero-width characters, variation selectors. */
export const K_DROP = 4;
export const K_HASH = 5;
export const KIND_MASK = 7;
/** Flags (high bits of an info byte). */
export const F_LETTER = 8;
export const F_LATIN = 16;
/** A digit or symbol with a leetspeak reading (0→o, 1→i, 3→e, 4→a, 5→s, 7→t, 8→b, 9→g, @→a, $→s). */
export const F_LEET = 32;
/** A Cyrillic, Greek or Armenian letter that looks like a Latin one. */
export const F_CONF = 64;
export const F_UPPER = 128;
/** `@` or `$` (leet symbols: letters inside a word, punctuation elsewhere). */
export const F_SYM = 256;
/** An invisible character (zero-width space or joiner, soft hyphen…): dropped, and a sign of hiding. */
export const F_HIDDEN = 512;
/**
 * A Latin letter written in a styled compatibility form — fullwidth `ＩＶＯＲＹ`, circled `ⓘⓥⓞⓡⓨ`,
 * mathematical `𝐢𝐯𝐨𝐫𝐲` `𝒾𝓋ℴ𝓇𝓎`, letterlike `ℴ` — that NFKC reads as one ASCII letter: a sign of hiding.
 * (Ligatures such as `ﬁ` are typography, not styling.)
 */
export const F_STYLED = 1024;

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
};
/** Leetspeak reading of a code unit (0 when it has none). */
export const LEET_MAP = new Uint16Array(128);
for (const [k, v] of Object.entries(LEET)) LEET_MAP[k.charCodeAt(0)] = v.charCodeAt(0);

const CONFUSABLES =
  // Cyrillic (lower case; upper case is folded first)
  'аa вb еe ѐe ёe іi їi јj кk мm нh оo рp сc тt уy хx ѕs һh ԁd ԛq ԝw ӏl ьb үy ґr ' +
  // Greek
  'αa βb γy εe ηn ιi κk νv οo ρp τt υu χx ωw ϲc ϳj ' +
  // Armenian, Latin IPA look-alikes
  'օo սu ցg հh ոn ɑa ɡg ɩi';
/**
 * Capitals whose look-alike differs from their lower case (Υ looks like Y, υ like u; Η like H, η like
 * n; Ν like N, ν like v), keyed by the lower-case unit the text is folded to.
 */
const CAPITAL_CONFUSABLES = 'υy ηh νn μm ζz';
export const CAPITAL_CONFUSABLE_MAP = new Map<number, number>();
for (const pair of CAPITAL_CONFUSABLES.split(' '))
  CAPITAL_CONFUSABLE_MAP.set(pair.charCodeAt(0), pair.charCodeAt(1));

/** Latin reading of a confusable letter, by code unit. */
export const CONFUSABLE_MAP = new Map<number, number>();
for (const pair of CONFUSABLES.trim().split(/\s+/))
  CONFUSABLE_MAP.set(pair.charCodeAt(0), pair.charCodeAt(1));

/** Letters that NFD does not decompose but that readers see as a Latin letter with a mark. */
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ς: 'σ',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ŀ: 'l',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ŧ: 't',
};

/** Fold (lower case) and info of each ASCII code unit. */
export const ASCII_FOLD = new Uint16Array(128);
export const ASCII_INFO = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_FOLD[c] = ch.toLowerCase().charCodeAt(0);
  if (/[a-z]/.test(ch)) ASCII_INFO[c] = K_WORD | F_LETTER | F_LATIN;
  else if (/[A-Z]/.test(ch)) ASCII_INFO[c] = K_WORD | F_LETTER | F_LATIN | F_UPPER;
  else if (/[0-9]/.test(ch)) ASCII_INFO[c] = K_WORD | (LEET[ch] ? F_LEET : 0);
  else if (ch === '@' || ch === '$') ASCII_INFO[c] = K_WORD | F_LEET | F_SYM;
  else if (ch === '#') ASCII_INFO[c] = K_HASH;
  else ASCII_INFO[c] = K_SEP;
}

const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const IS_MARK = /^\p{M}$/u;
const IS_EMOJI = /^\p{Extended_Pictographic}$/u;
const IS_SPACELESS =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u3005\u3006\u30fc]$/u;
const IS_WORD = /^[\p{L}\p{N}]$/u;

/** Dropped characters that belong to ordinary text: variation selectors and emoji modifiers. */
function isMarkLike(cp: number): boolean {
  return (
    (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

function isDropped(cp: number): boolean {
  return (
    cp === 0xad ||
    cp === 0x34f ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0xfeff ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0000 && cp <= 0xe01ef)
  );
}

/** The normalised units of one code point with their infos (computed; see `lookup` for the cached form). */
export function computeEntry(cp: number): { units: number[]; infos: number[] } {
  const units: number[] = [];
  const infos: number[] = [];
  if (isDropped(cp)) return { units: [0], infos: [isMarkLike(cp) ? K_DROP : K_DROP | F_HIDDEN] };
  const ch = String.fromCodePoint(cp);
  const styled = isStyledLetter(cp, ch) ? F_STYLED : 0;
  if (IS_EMOJI.test(ch) || (cp >= 0x1f1e6 && cp <= 0x1f1ff)) {
    for (let i = 0; i < ch.length; i++) {
      units.push(ch.charCodeAt(i));
      infos.push(K_EMOJI);
    }
    return { units, infos };
  }
  for (const c of ch.normalize('NFKC')) {
    const lower = c.toLowerCase();
    const upper = lower !== c ? F_UPPER : 0;
    let folded = '';
    for (const l of lower) folded += LETTER_FOLDS[l] ?? l;
    const stripped = folded.normalize('NFD').replace(MARKS, '').normalize('NFC');
    for (const d of stripped) {
      const dc = d.codePointAt(0) ?? 0;
      const folds = LETTER_FOLDS[d];
      if (folds) {
        for (const f of folds) pushAscii(f.charCodeAt(0), upper);
      } else if (dc < 128) pushAscii(dc, upper | styled);
      else if (IS_MARK.test(d)) pushUnits(d, K_DROP);
      else if (IS_SPACELESS.test(d)) pushUnits(d, K_CJK | F_LETTER);
      else if (IS_EMOJI.test(d)) pushUnits(d, K_EMOJI);
      else if (IS_WORD.test(d))
        pushUnits(
          d,
          K_WORD |
            F_LETTER |
            upper |
            (CONFUSABLE_MAP.has(dc) || (upper && CAPITAL_CONFUSABLE_MAP.has(dc)) ? F_CONF : 0),
        );
      else pushUnits(d, K_SEP);
    }
  }
  // A lone mark (decomposed input: "e" + U+0301) strips to nothing: it extends the letter before it.
  if (units.length === 0) return { units: [0], infos: [K_DROP] };
  return { units, infos };

  function pushAscii(c: number, flags: number) {
    units.push(ASCII_FOLD[c] ?? c);
    const info = ASCII_INFO[c] ?? K_SEP;
    infos.push((info & KIND_MASK) === K_WORD && info & F_LETTER ? (info & ~F_UPPER) | flags : info);
  }
  function pushUnits(d: string, info: number) {
    for (let i = 0; i < d.length; i++) {
      units.push(d.charCodeAt(i));
      infos.push(info);
    }
  }
}

/** A non-ASCII code point, not a ligature, that NFKC turns into one ASCII letter (see F_STYLED). */
function isStyledLetter(cp: number, ch: string): boolean {
  if (cp < 128 || (cp >= 0xfb00 && cp <= 0xfb06)) return false;
  const k = ch.normalize('NFKC');
  return k.length === 1 && /[A-Za-z]/.test(k);
}

/** Entries are packed as `start * 32 + length` (length ≤ 31). */
export const ENTRY_LENGTH_BITS = 32;

/**
 * The cache: BMP code points index a flat array, astral ones a map; entries live in a growing pool.
 * Read `units`/`infos` after `lookup` (they may have been replaced by larger arrays).
 */
class CharTable {
  units = new Uint16Array(4096);
  infos = new Uint16Array(4096);
  private length = 0;
  private readonly bmp = new Int32Array(0x10000).fill(-1);
  private readonly astral = new Map<number, number>();

  /** Packed pool entry of a non-ASCII code point. */
  lookup(cp: number): number {
    if (cp < 0x10000) {
      const e = this.bmp[cp] ?? -1;
      if (e >= 0) return e;
      const stored = this.store(cp);
      this.bmp[cp] = stored;
      return stored;
    }
    const e = this.astral.get(cp);
    if (e !== undefined) return e;
    const stored = this.store(cp);
    this.astral.set(cp, stored);
    return stored;
  }

  private store(cp: number): number {
    const { units, infos } = computeEntry(cp);
    const n = Math.min(units.length, ENTRY_LENGTH_BITS - 1);
    if (this.length + n > this.units.length) {
      const size = Math.max(this.units.length * 2, this.length + n);
      const u = new Uint16Array(size);
      u.set(this.units);
      const f = new Uint16Array(size);
      f.set(this.infos);
      this.units = u;
      this.infos = f;
    }
    const start = this.length;
    for (let i = 0; i < n; i++) {
      this.units[start + i] = units[i] ?? 0;
      this.infos[start + i] = infos[i] ?? K_SEP;
    }
    this.length += n;
    return start * ENTRY_LENGTH_BITS + n;
  }
}

/** The process-wide cache (a pure function of the code point, so sharing it is safe). */
export const charTable = new CharTable();
