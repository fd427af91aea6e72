import { validate } from '@ewto/schemas/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileLibrary, type Screener } from './compile.ts';
import type { Listing } from './index.ts';
import { loadLibrary } from './node/load-library.ts';
import { Normaliser } from './normalise.ts';
import { screenListing } from './screen.ts';

let screener: Screener;
beforeAll(async () => {
  screener = compileLibrary(await loadLibrary());
});
const screen = (title: string, rest: Omit<Listing, 'id' | 'title'> = {}) =>
  screenListing(screener, { id: 1, title, ...rest });

describe('ordinary listings', () => {
  it.each([
    'ivory coloured wedding dress',
    'Ivory lace dress, size 10',
    // A price in dollars, then a zero-width space: the dropped "$" is no obfuscation of "ivory".
    'US$\u200b ivory colour dress',
    'Tiger Balm white ointment 19g',
    'Python programming book, 3rd edition',
    'Turtle neck sweater, navy',
    'Bear plush toy for kids',
    'Teddy bear with soft fur',
    'Antique bone china teacup and saucer',
    'Vintage tortoiseshell sunglasses',
    'Tortoiseshell cat collar with bell',
    'Exotic leather wallet (ostrich)',
    'Jaguar XF car mats, set of 4',
    'Yoga mat and bath rug bundle',
    'Horn-rimmed reading glasses',
    'Sea turtle pendant in sterling silver',
    'Lion King DVD box set',
    'Rhino 3D modelling course',
    'Shell necklace from the beach',
    'Carved wooden elephant figurine',
    'Baby monkey plush toy for sale',
    'Elephant print cushion, carved wooden frame',
    'Mammoth sale on winter coats!',
    'White gold engagement ring',
    'Leopard print scarf',
    'Real leather boots by a famous brand',
    '象牙色连衣裙',
    '象牙白瓷器',
    '虎皮鹦鹉一对',
    '虎皮青椒的做法',
    '玳瑁猫 幼猫',
    '熊猫玩具',
    'Marfil color vestido de novia',
    'Robe de mariée ivoire',
    'Chuan Shan mountain travel guide',
    'Lion claw foot bathtub',
    'Horn of Africa travel guide',
    'Tiger stripe T-shirt',
    'Tortoise-shell sunglasses',
    'TortoiseShell acetate frames',
    'Leather-back office chair',
    'Tigger plush toy',
    'Coffee mugg, set of 2',
    'Shel Silverstein poetry book',
    'Billes en verre, lot de 20',
    'Pan golden retriever figurine',
  ])('%s — not flagged', (title) => {
    const r = screen(title);
    expect(r.flagged, JSON.stringify(r.matches)).toBe(false);
    expect(r.score).toBeLessThan(0.5);
  });
});

describe('ordinary listings with an ambiguous word and a generic product word (innocent readings)', () => {
  it.each([
    // an innocent-reading word near the ambiguous word cancels the product context
    ['Picture frame, painted ivory, carved pine', []],
    ['Ivory ceramic vase with glazed finish, figurine style', []],
    ['Ivory enamel hinged bangle', []],
    ['Leopard print bathroom rug', []],
    ['Cartoon lion rug for a playroom', []],
    ['Teddy bear bath rug', []],
    ['Tiger print bone china teacup', []],
    ['Polar bear bone china plate', []],
    ['Plush sea turtle, stuffed with cotton', []],
    ['Gummy bears, freeze-dried', []],
    ['Monkey print changing bag with diaper pad', []],
    // short foreign words that are ordinary words elsewhere
    ['Our rugs: ours are hand-knotted', []],
    ['Kecap manis and dried chillies', []],
    ['Ho ho ho! Christmas door rug', []],
    // tags: terms cut out of a tag word, and associated terms far from the species tag
    ['Night cream 50ml', ['tigerbalm', 'skincare']],
    ['Soup base 1kg', ['tigernuts', 'bonebroth']],
    ['Wool scarf', ['bear', 'winter', 'knitted', 'gall bladder']],
    // product words that are also names of tools and plants
    ['Tiger claw weeding tool, garden', []],
    ['Tiger tooth aloe, small plant', []],
  ] as Array<[string, string[]]>)('%s %j — not flagged', (title, tags) => {
    const r = screen(title, { tags });
    expect(r.flagged, JSON.stringify(r.matches)).toBe(false);
  });

  it.each([
    ['Tiger skin rug, not a print', 'big-cat'], // an unambiguous term is not neutralised
    ['i.v.o.r.y paint brush handle', 'elephant'], // nor an obfuscated one
    ['Cao hổ cốt nguyên chất', 'big-cat'],
    ['Da hổ thật, bán', 'big-cat'],
    ['Real tiger claw pendant', 'big-cat'],
    ['Old necklace #TigerToothNecklace', 'big-cat'],
    ['Old statue #oldtusk', 'elephant'], // a strong term cut out of a tag word still counts
    ['Pangolin scales, Manis javanica, dried', 'pangolin'],
  ])('%s — still flagged as %s', (title, group) => {
    const r = screen(title);
    expect(r.flagged, JSON.stringify(r.matches)).toBe(true);
    expect(r.matches.map((m) => m.group)).toContain(group);
  });

  it('does not report innocent-reading words, and needs diacritics for a two-letter term written with them', () => {
    expect(screen('Ivory paint').matches.map((m) => m.term)).toEqual(['ivory']);
    expect(screen('Ho Chi Minh City map').matches.map((m) => m.term)).not.toContain('hổ');
    expect(screen('Da hổ').matches.map((m) => m.term)).toContain('hổ');
  });
});

describe('trafficking listings, obfuscated', () => {
  it.each([
    ['Carved ivоry bangle, old', 'elephant', 'ivоry bangle'], // Cyrillic о
    ['i.v.o.r.y netsuke for sale', 'elephant', 'i.v.o.r.y netsuke'],
    ['Genuine 1v0ry chopsticks', 'elephant', 'Genuine 1v0ry'],
    ['ＥＬＥＰＨＡＮＴ ＴＵＳＫ', 'elephant', 'ＥＬＥＰＨＡＮＴ ＴＵＳＫ'],
    ['R H I N O horn cup', 'rhino', 'R H I N O horn cup'],
    ['rh1n0 h0rn powder', 'rhino', 'rh1n0 h0rn powder'],
    ['Rhinocéros corne, corne de rhinocéros sculptée', 'rhino', 'corne de rhinocéros'],
    ['p@ngolin $cales 500g', 'pangolin', 'p@ngolin $cales'],
    ['Chuan Shan Jia, wild', 'pangolin', 'Chuan Shan Jia'],
    ['#PangolinScales #TCM', 'pangolin', 'PangolinScales'],
    ['Bear b-i-l-e capsules', 'bear', 'Bear b-i-l-e capsules'],
    ['Moon bear gall bladder, dried', 'bear', 'bear gall bladder'],
    ['t1ger b0ne wine', 'big-cat', 't1ger b0ne wine'],
    ['Real tiger skin rug', 'big-cat', 'tiger skin'],
    ['#TigerSelfie at the temple', 'big-cat', '#TigerSelfie'],
    ['Hawksb1ll turtle shell bracelet', 'marine-turtle', 'Hawksb1ll'],
    ['vinatge tortoiseshell hair comb', 'marine-turtle', 'vinatge tortoiseshell'],
    ['Baby monkey for sale, very tame', 'primate', 'Baby monkey for sale'],
    ['Helmeted hornbill casque carving', 'bird', 'Helmeted hornbill'],
    ['Radiated tortoise, captive?', 'reptile', 'Radiated tortoise'],
  ])('%s — flagged as %s', (title, group, span) => {
    const r = screen(title);
    expect(r.flagged, JSON.stringify(r.matches)).toBe(true);
    const found = r.matches.filter((m) => m.group === group).map((m) => title.slice(m.start, m.end));
    expect(found).toContain(span);
  });

  it.each([
    ['Ivvory bangle, old', 'elephant', 'Ivvory bangle'],
    ['pangollin scales 1kg', 'pangolin', 'pangollin scales'],
    ['iv ory netsuke, hand carved', 'elephant', 'iv ory'],
    ['pango lin scales, dried', 'pangolin', 'pango lin scales'],
    ['rhi no horn cup', 'rhino', 'rhi no horn'],
  ])(
    '%s — doubled letters and words split by a space are read as the word: flagged as %s',
    (title, group, span) => {
      const r = screen(title);
      expect(r.flagged, JSON.stringify(r.matches)).toBe(true);
      const found = r.matches.filter((m) => m.group === group).map((m) => title.slice(m.start, m.end));
      expect(found).toContain(span);
    },
  );

  it('a doubled letter or a space split needs a long enough word, and pieces that are not both words', () => {
    expect(screen('the man is here').matches).toEqual([]);
    expect(screen('Tigger plush toy').flagged).toBe(false);
    const pangollin = screen('Real pangollin for sale');
    expect(pangollin.matches.filter((m) => m.term === 'pangolin').map((m) => [m.start, m.end])).toEqual([
      [5, 14],
    ]);
    expect(screen('Billes en verre, lot de 20').matches.map((m) => m.term)).not.toContain('bile');
    expect(screen('Ivvory coloured dress').flagged).toBe(false); // a misspelt colour is still the colour
    // a doubled letter is read once in ordinary words only: hashtags run words together
    expect(screen('#tigerrug').matches.map((m) => m.term)).toEqual(expect.arrayContaining(['tiger', 'rug']));
    // one word spelt out letter by letter, the other written plainly with its doubled letter
    expect(screen('Moon bear g.a.l.l bladder').matches.map((m) => m.term)).toContain('Gall bladder');
  });

  it.each([
    ['ΙVΟRΥ chess set', 'elephant'], // Greek capitals Ι Ο Υ (Υ looks like Y, its lower case υ like u)
    ['RΗΙΝΟ ΗΟRΝ cup', 'rhino'], // Greek capitals Η Ι Ν Ο
    ['ＩＶＯＲＹ dice, set of 5', 'elephant'], // fullwidth
    ['ⓘⓥⓞⓡⓨ chess set', 'elephant'], // circled
    ['𝒾𝓋ℴ𝓇𝓎 dice set', 'elephant'], // mathematical script and a letterlike ℴ
    ['𝖎𝖛𝖔𝖗𝖞 brooch', 'elephant'], // mathematical fraktur
  ])('%s — styled or look-alike letters count as obfuscation (%s)', (title, group) => {
    const r = screen(title);
    expect(r.flagged, JSON.stringify(r.matches)).toBe(true);
    expect(r.matches.map((m) => m.group)).toContain(group);
  });

  it('flags a code word alone', () => {
    const r = screen('Scales TCM, wholesale');
    expect(r.flagged, JSON.stringify(r.matches)).toBe(true);
    expect(r.matches.map((m) => `${m.group}:${m.kind}`)).toContain('pangolin:code-word');
  });

  it('reads a Greek word as Greek, and a ligature as typography', () => {
    expect(screen('ΥΓΕΙΑ ΝΗΣΟΣ').matches).toEqual([]);
    expect(screen('ﬁne ivory ﬁnish').flagged).toBe(false);
  });

  it('finds terms in CJK text without spaces', () => {
    const cases: Array<[string, string, string]> = [
      ['出售穿山甲片500克，野生', 'pangolin', '穿山甲片'],
      ['正品犀牛角杯一只', 'rhino', '犀牛角'],
      ['老象牙手镯，包浆好', 'elephant', '象牙手镯'],
      ['べっ甲のかんざし', 'marine-turtle', 'べっ甲'],
      ['熊胆粉胶囊', 'bear', '熊胆粉'],
      ['真虎皮地毯，完整', 'big-cat', '虎皮地毯'],
      ['งาช้างแท้ 100%', 'elephant', 'งาช้าง'],
      ['熊膽粉膠囊', 'bear', '熊膽粉'], // traditional characters
      ['老象牙手鐲', 'elephant', '象牙手鐲'],
      ['ベッ甲のかんざし', 'marine-turtle', 'ベッ甲'], // katakana
    ];
    for (const [title, group, span] of cases) {
      const r = screen(title);
      expect(r.flagged, title).toBe(true);
      expect(r.matches.filter((m) => m.group === group).map((m) => title.slice(m.start, m.end))).toContain(
        span,
      );
    }
  });

  it('checks every field: description and tags', () => {
    const r = screenListing(screener, {
      id: 'x1',
      title: 'Old carving',
      description: 'Hand carved, see photos.',
      tags: ['#ivoryantique', 'decor'],
    });
    expect(r.flagged).toBe(true);
    expect(r.matches).toContainEqual({
      term: '#ivoryantique',
      group: 'elephant',
      kind: 'hashtag',
      field: 'tags[0]',
      start: 0,
      end: 13,
    });
  });
});

describe('matching rules', () => {
  it('counts an associated term only near a species term of its group', () => {
    expect(screen('Carcass, for collectors').matches).toEqual([]);
    const near = screen('Rhino carcass, for collectors');
    expect(near.matches.map((m) => `${m.group}:${m.term}`)).toContain('rhino:Carcass');
    const far = screen(`Rhino ${'filler words here '.repeat(3)}carcass`);
    expect(far.matches.map((m) => m.term)).not.toContain('Carcass');
    // tags: a species term in the same or the next tag
    const tagged = screenListing(screener, { id: 2, tags: ['bear', 'gall bladder'] });
    expect(tagged.matches.map((m) => `${m.kind}:${m.term}`)).toContain('associated-term:Gall bladder');
  });

  it('scores an ambiguous word low alone and high with product or species context', () => {
    expect(screen('ivory dress').score).toBeLessThan(0.5);
    expect(screen('ivory statue').score).toBeGreaterThanOrEqual(0.5);
    expect(screen('bear claws').score).toBeLessThan(0.5);
    expect(screen('Black bear skull and claws').score).toBeGreaterThanOrEqual(0.5);
  });

  it('evidence adds up: two ambiguous code words of one group at different places flag the listing', () => {
    // each alone stays under the threshold
    expect(screen('Carved netsuke, old').flagged).toBe(false);
    expect(screen('Okimono figure of a sage').flagged).toBe(false);
    expect(screen('Netsuki toggle, natural grain').flagged).toBe(true);
    const together = screen('Okimono figure of a sage, with matching netsuke');
    expect(together.flagged, JSON.stringify(together.matches)).toBe(true);
    // different fields are different places
    const split = screenListing(screener, {
      id: 4,
      title: 'Okimono figure',
      description: 'Natural grain, no cracks',
    });
    expect(split.flagged).toBe(true);
  });

  it('evidence adds up only across pieces: not overlapping matches of one phrase, not variants of one word', () => {
    // overlapping matches of one phrase ("chess board ivory" and "ivory pendant") are one piece
    expect(screen('chess board ivory pendant').flagged).toBe(false);
    // "ivory coloured" and "ivory colour": variants of one word; "ivoire" is "ivory" in French
    expect(screen('Ivory coloured dress with ivory colour lace trim').flagged).toBe(false);
    expect(screen('Robe ivoire, ivory colored, size 38').flagged).toBe(false);
    expect(screen('Ivory colored dress').score).toBe(0.15);
    // "netsuke" and "netsuki" are one word spelt two ways
    expect(screen('Netsuke (netsuki), boxwood').flagged).toBe(false);
    // words the library weighs under 0.15 ("antique", "white gold") are too common to add up
    expect(screen('Antique white gold ring').flagged).toBe(false);
    // an emoji is decoration, not a second piece of evidence
    expect(screen('Cute elephant mug 🐘').flagged).toBe(false);
  });

  it('respects word boundaries in Latin text', () => {
    expect(screen('Trombone case').matches.map((m) => m.term)).not.toContain('bone');
    expect(screen('the man is here').matches).toEqual([]);
    expect(screen('ninja turtles').matches.map((m) => m.term)).not.toContain('ja');
    expect(screen('Two elephant tusks').matches.map((m) => m.term)).toContain('elephant tusk');
  });

  it('matches hashtag terms only in hashtags and tags', () => {
    expect(screen('lion claw').matches.map((m) => m.term)).not.toContain('#lionclaw');
    expect(screen('#LionClaw').matches.map((m) => m.term)).toContain('#lionclaw');
    expect(screenListing(screener, { id: 3, tags: ['lionclaw'] }).matches.map((m) => m.term)).toContain(
      '#lionclaw',
    );
  });

  it('splits hashtags into known terms', () => {
    const r = screen('#lionrug');
    expect(r.matches.map((m) => m.term)).toEqual(expect.arrayContaining(['#lionrug', 'lion', 'rug']));
    expect(screen('#bearbileforsale').flagged).toBe(true);
  });

  it('returns records of the screen-result schema, with offsets into the original field', () => {
    const titles = [
      'Carved ivоry bangle',
      'i v o r y',
      'p@ngolin $cales',
      '🐯🦴 wine',
      'ｒｈｉｎｏ ｈｏｒｎ',
      'iv\u200bory tusk',
    ];
    const n = new Normaliser();
    const skeleton = (s: string, hashtag: boolean) => {
      n.normalise(s, hashtag);
      return n.skeleton().replaceAll('l', 'i');
    };
    for (const title of titles) {
      const r = screen(title);
      expect(validate('screen-result', r)).toEqual([]);
      for (const m of r.matches)
        expect(skeleton(title.slice(m.start, m.end), false)).toBe(skeleton(m.term, m.kind === 'hashtag'));
    }
  });

  it('matches whole emoji ZWJ sequences: 🐻‍❄️ (polar bear) is not 🐻, and a match does not end on the joiner', () => {
    expect(screen('Polar bear jumper 🐻\u200d❄\ufe0f').matches.map((m) => m.term)).not.toContain('🐻');
    expect(
      screen('🐻\u200d❄ and 🐻')
        .matches.filter((m) => m.term === '🐻')
        .map((m) => m.start),
    ).toEqual([9]);
    const title = '🐅\u200d🦴 glue';
    const pair = screen(title).matches.find((m) => m.term === '🐅🦴');
    expect(pair && title.slice(pair.start, pair.end)).toBe('🐅\u200d🦴');
    expect(screen('🐅\u200d🦴 glue').matches.map((m) => m.term)).not.toContain('🐅');
    expect(screen('🐒🏽 baby').matches.find((m) => m.term === '🐒')).toMatchObject({ start: 0, end: 4 });
  });

  it('copes with a listing with a very large number of matches', () => {
    const r = screenListing(screener, { id: 'big', description: 'ivory bone '.repeat(60_000) });
    expect(r.matches.filter((m) => m.term === 'ivory')).toHaveLength(60_000);
    expect(r.flagged).toBe(false); // the same ambiguous words, repeated, are still ambiguous
  }, 30_000);

  it('gives an empty record for an empty listing', () => {
    expect(screenListing(screener, { id: 'e' })).toEqual({ id: 'e', flagged: false, score: 0, matches: [] });
  });
});
