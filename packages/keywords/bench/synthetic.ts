/**
 * Deterministic synthetic data for the benchmark and the big-file generator: listings that read like
 * a marketplace (mostly ASCII English, some French/Spanish/Portuguese/Vietnamese with accents, some
 * Chinese/Japanese), a few of them carrying library terms, and extra library terms beyond the real
 * library (pseudo-words and phrases) to reach 2,500 and 10,000 terms.
 */
import type { KeywordLibrary, LibraryTerm, Listing } from '../src/index.ts';
import { prng } from '../src/testing/prng.ts';

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const ADJ =
  'vintage handmade new used rare antique modern classic small large wooden silver gold leather cotton ceramic glass carved painted genuine natural white black blue red green soft heavy light elegant rustic'.split(
    ' ',
  );
const NOUN =
  'bracelet necklace ring pendant vase bowl figurine statue lamp chair table mirror frame book camera phone case jacket dress shoes boots bag wallet watch clock rug blanket pillow teapot cup plate knife comb brush'.split(
    ' ',
  );
const FILL =
  'in excellent condition with original box free shipping worldwide ships from our shop please see photos for details measures about cm weight grams perfect gift for collectors no returns accepted message me with any questions fast delivery well packed great value limited stock'.split(
    ' ',
  );
const TAGS =
  'home decor gift fashion vintage handmade collectible art jewelry kitchen outdoor kids toys books electronics sale'.split(
    ' ',
  );
const ACCENTED = [
  'Très beau vase ancien en céramique, état impeccable, livraison rapide',
  'Collier artesanal de plata, diseño único, envío gratis a toda España',
  'Bolsa de couro legítimo, ótimo estado, entrega em todo o Brasil',
  'Đồng hồ đeo tay cổ điển, hàng chính hãng, giao hàng toàn quốc',
  'Pièce unique façonnée à la main, idéale pour un cadeau de Noël',
];
const CJK = [
  '全新正品手工陶瓷茶杯，包邮，欢迎咨询',
  '复古木质相框，尺寸二十厘米，支持货到付款',
  '日本製の手作り陶器のカップ、送料無料です',
  '高品质丝绸围巾，颜色鲜艳，适合送礼',
];

/** One synthetic listing; `termTexts` (real or synthetic terms) are sprinkled into ~5% of listings. */
export function makeListing(rnd: () => number, id: number, termTexts: readonly string[]): Listing {
  const r = rnd();
  let title: string;
  let description: string;
  if (r < 0.07) {
    title = pick(rnd, CJK).slice(0, 12);
    description = `${pick(rnd, CJK)}${pick(rnd, CJK)}`;
  } else if (r < 0.15) {
    title = pick(rnd, ACCENTED).split(',')[0]!;
    description = `${pick(rnd, ACCENTED)}. ${pick(rnd, ACCENTED)}.`;
  } else {
    title = `${cap(pick(rnd, ADJ))} ${pick(rnd, ADJ)} ${pick(rnd, NOUN)} ${pick(rnd, NOUN)}`;
    const words: string[] = [];
    const n = 30 + Math.floor(rnd() * 50);
    for (let i = 0; i < n; i++)
      words.push(rnd() < 0.3 ? pick(rnd, NOUN) : rnd() < 0.3 ? pick(rnd, ADJ) : pick(rnd, FILL));
    description = `${cap(words.join(' '))}. Item #${Math.floor(rnd() * 100000)}, size ${Math.floor(rnd() * 40)}cm.`;
  }
  if (rnd() < 0.05 && termTexts.length) description += ` ${pick(rnd, termTexts)} ${pick(rnd, FILL)}`;
  const tags = [pick(rnd, TAGS), pick(rnd, TAGS), `#${pick(rnd, ADJ)}${cap(pick(rnd, NOUN))}`];
  return { id: `L${id}`, title, description, tags };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const SYLLABLES =
  'ka lo mi nu pe ra si to vu ze ban cor dil fen gar hul jin kem lor mun nir pol quen ras sul tor vin wex yar zol'.split(
    ' ',
  );
const HAN = '龙凤龟鹤虎豹熊鹿犀象骨角牙皮甲鳞片粉丸酒胆掌爪须珠玉'.split('');

/** A library of `size` terms: the real library's terms first, then synthetic ones. */
export function syntheticLibrary(real: KeywordLibrary, size: number, seed = 7): KeywordLibrary {
  const rnd = prng(seed);
  const terms: LibraryTerm[] = real.terms.slice(0, size);
  const seen = new Set(terms.map((t) => t.text.toLowerCase()));
  const groups = [
    'elephant',
    'rhino',
    'pangolin',
    'big-cat',
    'bear',
    'marine-turtle',
    'primate',
    'bird',
    'reptile',
  ] as const;
  while (terms.length < size) {
    const r = rnd();
    let text: string;
    if (r < 0.1) text = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pick(rnd, HAN)).join('');
    else if (r < 0.2) text = `#${word(rnd)}${word(rnd)}`;
    else if (r < 0.45) text = `${pick(rnd, ADJ)} ${word(rnd)}`;
    else text = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => word(rnd)).join(' ');
    if (seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    const group = pick(rnd, groups);
    const kind = text.startsWith('#') ? 'hashtag' : 'search-word';
    terms.push({
      id: `${group}/${kind}/${text}`,
      group,
      text,
      kind,
      language: 'en',
      provenance: 'illustrative',
      added: 1,
    });
  }
  return { ...real, terms, removed: [] };
}

function word(rnd: () => number): string {
  let w = '';
  const n = 2 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) w += pick(rnd, SYLLABLES);
  return w;
}
