// What a reader's query asks, before Pagefind sees it. Pagefind requires every word of a query,
// and a question's words (什么时候, 几天内, 谁, 吗, "who", "when") are on no page: 月度计划什么时候交
// found nothing. Here a query becomes the words worth searching, what it asks for (a time, a
// person or department) and the clause it names (8.3, 8(三), 第八章第三节). Words are told apart by
// the browser's own word segmenter (Intl.Segmenter, ICU's dictionary for Chinese): no segmentation
// library is shipped to readers for this. Pure, so the browser, the benchmark and the tests share it.

/** What a query comes to. */
export interface Understood {
  /** The words to search, in the query's order (question words, particles and English stopwords set aside). */
  words: string[];
  /** What the question asks for, when it says: a time or deadline, or who (a department, a person). */
  asks?: 'when' | 'who';
  /** The clause the query names: a chapter, and within it a section (（三） = 3). */
  clause?: { chapter: number; section?: number };
}

/**
 * Phrases that ask rather than name, longest first; removed from the query before it is split, so
 * that 什么时候 goes whole. Each says what it asks for, where it says.
 */
const QUESTION_PHRASES: [string, Understood['asks'] | undefined][] = [
  ['什么时候', 'when'],
  ['什么时间', 'when'],
  ['多长时间', 'when'],
  ['几个工作日', 'when'],
  ['几天之内', 'when'],
  ['几天内', 'when'],
  ['多少天', 'when'],
  ['多久一次', 'when'],
  ['多久', 'when'],
  ['几天', 'when'],
  ['何时', 'when'],
  ['截止', 'when'],
  ['期限', 'when'],
  ['由谁', 'who'],
  ['给谁', 'who'],
  ['谁来', 'who'],
  ['哪个部门', 'who'],
  ['谁', 'who'],
  ['能不能', undefined],
  ['可不可以', undefined],
  ['需不需要', undefined],
  ['要不要', undefined],
  ['怎么办', undefined],
  ['怎么样', undefined],
  ['为什么', undefined],
  ['怎么', undefined],
  ['如何', undefined],
  ['是否', undefined],
  ['什么', undefined],
  ['哪些', undefined],
  ['哪个', undefined],
  ['哪里', undefined],
];

/** Words that carry no topic: particles, auxiliaries and pronouns a question is made of. */
const CJK_STOP = new Set([
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '了',
  '的',
  '得',
  '地',
  '是',
  '有',
  '在',
  '要',
  '需要',
  '应',
  '应该',
  '该',
  '应当',
  '能',
  '可以',
  '会',
  '一次',
  '一',
  '次',
  '几',
  '我',
  '我们',
  '你',
  '请问',
  '时候',
  '时间',
  '内',
  '给',
  '之内',
  '提前',
  '发',
  '报给',
]);

/**
 * The readers' words for the policy's (交 → 提交, 借 → 借阅, 批准 → 审批), applied to a whole word, or
 * to the start of a run of characters the segmenter could not place (借文档 → 借阅文档).
 */
const CJK_SYNONYMS: [RegExp, string][] = [
  [/^交$/, '提交'],
  [/^借(?!阅)/, '借阅'],
  [/^批准$|^批$/, '审批'],
  [/^审$/, '审核'],
];

const EN_STOP = new Set(
  'a an the is are was be been do does did i we you my our your to of for in on at by with and or can should must may who what when where which why how due there it this that'.split(
    ' ',
  ),
);

/**
 * English for the policy's own terms, longest first: an English question finds the Chinese page.
 * (English readers searching the pages' English summaries keep their words too: see engine.ts.)
 */
const EN_TERMS: [RegExp, string][] = [
  [/\bannual (operating )?plans?\b/g, '年度运营计划'],
  [/\bquarterly (operating )?plans?\b/g, '季度运营计划'],
  [/\bmonthly (operating )?plans?\b/g, '月度运营计划'],
  [/\bmeeting minutes\b|\bminutes\b/g, '会议纪要'],
  [/\bperformance (appraisal|evaluation|review)s?\b|\bappraisals?\b/g, '绩效评估'],
  [/\bborrow(s|ing)?\b/g, '借阅'],
  [/\bdocuments?\b/g, '文档'],
  [/\bapprov(e|es|ed|al|als)\b/g, '审批'],
  [/\balerts?\b|\bwarnings?\b/g, '预警'],
  [/\brisks?\b/g, '风险'],
  [/\bmeetings?\b/g, '会议'],
];

const NUMERALS = '一二三四五六七八九十';
/** 三 → 3, 十二 → 12, 二十 → 20, 12 → 12; anything else → undefined. */
function numberOf(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text || [...text].some((c) => !NUMERALS.includes(c))) return undefined;
  const digit = (c: string) => NUMERALS.indexOf(c) + 1;
  const ten = text.indexOf('十');
  if (ten === -1) return text.length === 1 ? digit(text) : undefined;
  return (ten === 0 ? 1 : digit(text[0]!)) * 10 + (ten === text.length - 1 ? 0 : digit(text[ten + 1]!));
}

/** A clause as people write it: 8.3, 8(三), 8（三）, 第八章第三节, 第八章（三）, 第八章. */
export function clauseOf(query: string): Understood['clause'] {
  const q = query.replace(/\s+/g, '');
  const n = `[${NUMERALS}\\d]+`;
  let m = /^(\d{1,2})[.．、](\d{1,2})$/.exec(q);
  if (m) return { chapter: Number(m[1]), section: Number(m[2]) };
  m = new RegExp(`^(\\d{1,2})[（(](${n})[)）]$`).exec(q);
  if (m) return { chapter: Number(m[1]), section: numberOf(m[2]!) };
  m = new RegExp(`^第(${n})章(?:第(${n})节|[（(](${n})[)）])?$`).exec(q);
  if (m) {
    const chapter = numberOf(m[1]!);
    const section = m[2] ?? m[3];
    if (chapter) return section ? { chapter, section: numberOf(section) } : { chapter };
  }
  return undefined;
}

/** A number as Chinese writes it: 3 → 三, 12 → 十二, 20 → 二十. */
export function numeral(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? NUMERALS[tens - 1] : ''}${tens ? '十' : ''}${ones ? NUMERALS[ones - 1] : ''}`;
}

/** The label of a clause's section as the pages' headings write it: 3 → （三）. */
export const sectionLabel = (section: number) => `（${numeral(section)}）`;

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : undefined;

/** The words of a query worth searching, what it asks for, and the clause it names. */
export function understand(query: string): Understood {
  const clause = clauseOf(query);
  if (clause) return { words: [], clause };
  let text = query.toLowerCase().replace(/[?？!！,，。.;；:：、"“”'‘’]/g, ' ');
  let asks: Understood['asks'];
  const english = /[a-z]/.test(text);
  if (english) {
    if (/\bwhen\b|\bdue\b|\bdeadline\b|\bhow (long|soon|often)\b/.test(text)) asks = 'when';
    else if (/\bwho\b|\bwhich department\b/.test(text)) asks = 'who';
    for (const [pattern, zh] of EN_TERMS) text = text.replace(pattern, ` ${zh} `);
  }
  for (const [phrase, asking] of QUESTION_PHRASES)
    if (text.includes(phrase)) {
      text = text.split(phrase).join(' ');
      asks ??= asking;
    }
  const words: string[] = [];
  for (const chunk of text.split(/\s+/).filter(Boolean)) {
    if (/^[a-z0-9-]+$/.test(chunk)) {
      if (!EN_STOP.has(chunk)) words.push(chunk);
      continue;
    }
    // ICU's dictionary lacks many of the policy's words and splits them into single characters
    // (月度 → 月 度, 文档 → 文 档): runs of single characters go back together after the particles
    // among them are set aside, and Pagefind splits them as it split the pages.
    const pieces = (segmenter ? [...segmenter.segment(chunk)].map((s) => s.segment) : [chunk]).filter(
      (piece) => piece.trim() && !CJK_STOP.has(piece),
    );
    const runs: string[] = [];
    let single = '';
    for (const piece of pieces) {
      if ([...piece].length === 1) {
        single += piece;
        continue;
      }
      if (single) runs.push(single);
      single = '';
      runs.push(piece);
    }
    if (single) runs.push(single);
    for (const run of runs) {
      const [pattern, zh] = CJK_SYNONYMS.find(([p]) => p.test(run)) ?? [];
      words.push(pattern ? run.replace(pattern, zh!) : run);
    }
  }
  return { words: [...new Set(words)], ...(asks ? { asks } : {}) };
}
