// The search element (<handbook-search>): the query box, results and filters of the header dialog and
// of the search page. Loaded when search is used (SearchUI.astro, Search.astro), not with every page:
// it is most of the JavaScript a page would otherwise load before anyone searches.
import { answerOf, bestSection, loadPagefind, rankedSearch, type Filters, type ResultData } from './engine.ts';
import { cjkExcerpt } from './rank.ts';
import { orderFilterValues } from './filters.ts';

const PAGE = 10;
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

class HandbookSearch extends HTMLElement {
  #input!: HTMLInputElement;
  #list!: HTMLOListElement;
  #status!: HTMLElement;
  #filtersBox!: HTMLElement;
  #filters: Filters = {};
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #more!: HTMLButtonElement;
  /** Every result of the current query, and how many are shown (PAGE more at each 显示更多). */
  #all: { data: () => Promise<ResultData> }[] = [];
  #shown = 0;
  #note = '';
  /** The section a clause number names, for the results to open at. */
  #section: string | undefined;
  /** What the question asks for: a when or who question may open the requirements table. */
  #asks: 'when' | 'who' | undefined;
  /** The words searched, to find the requirement a when or who question is about. */
  #words: string[] = [];

  connectedCallback() {
    this.#input = this.querySelector('input')!;
    this.#more = this.querySelector('.hs__more')!;
    this.#more.addEventListener('click', () => void this.#showMore());
    this.#list = this.querySelector('.hs__results')!;
    this.#status = this.querySelector('.hs__status')!;
    this.#filtersBox = this.querySelector('.hs__filters')!;
    this.querySelector('form')!.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#open();
    });
    this.#input.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.run(), 120);
    });
    this.#input.addEventListener('keydown', (e) => this.#keys(e));
    this.#list.addEventListener('keydown', (e) => this.#keys(e));
    const q = new URLSearchParams(location.search).get('q');
    if (q && this.classList.contains('hs--page')) {
      this.#input.value = q;
      this.run();
    } else if (this.#input.value.trim()) this.run(); // typed while this code was loading
    this.#input.addEventListener('focus', () => this.#renderFilters(), { once: true });
    this.querySelector('details')!.addEventListener('toggle', () => this.#renderFilters(), { once: true });
  }

  focusInput() {
    this.#input.focus();
    this.#input.select();
  }

  #filtersRendered = false;
  async #renderFilters() {
    if (this.#filtersRendered) return;
    this.#filtersRendered = true;
    let available: Record<string, Record<string, number>>;
    try {
      available = await (await loadPagefind()).filters();
    } catch {
      this.#status.textContent = '搜索索引只在构建后的网站中提供（npm run build 后用 npm run preview 预览）。';
      return;
    }
    const order = JSON.parse(this.dataset.order ?? '{}') as Record<string, string[]>;
    const groups = Object.keys(order)
      .filter((name) => available[name])
      .map((name) => {
        const values = orderFilterValues(Object.keys(available[name]!), order[name]);
        const chips = values
          .map(
            (v) =>
              `<button type="button" class="hs__chip" data-filter="${esc(name)}" data-value="${esc(v)}" aria-pressed="false">${esc(v)}</button>`,
          )
          .join('');
        return `<div class="hs__filter-group"><span class="hs__filter-name">${esc(name)}</span>${chips}</div>`;
      });
    this.#filtersBox.innerHTML = groups.join('');
    this.#filtersBox.addEventListener('click', (e) => {
      const chip = (e.target as HTMLElement).closest<HTMLButtonElement>('.hs__chip');
      if (!chip) return;
      const { filter, value } = chip.dataset as { filter: string; value: string };
      const on = chip.getAttribute('aria-pressed') !== 'true';
      chip.setAttribute('aria-pressed', String(on));
      const set = new Set(this.#filters[filter] ?? []);
      on ? set.add(value) : set.delete(value);
      if (set.size) this.#filters[filter] = [...set];
      else delete this.#filters[filter];
      this.run();
    });
  }

  async run() {
    const seq = ++this.#seq;
    const query = this.#input.value;
    if (!query.trim() && !Object.keys(this.#filters).length) {
      this.#list.innerHTML = '';
      this.#status.textContent = '';
      this.#all = [];
      this.#shown = 0;
      this.#more.hidden = true;
      return;
    }
    let ranked: Pick<
      Awaited<ReturnType<typeof rankedSearch>>,
      'searched' | 'results' | 'section' | 'simplified' | 'asks'
    >;
    try {
      ranked = query.trim()
        ? await rankedSearch(query, this.#filters)
        : { searched: '', results: (await (await loadPagefind()).search(null, { filters: this.#filters })).results };
    } catch {
      this.#status.textContent = '搜索索引只在构建后的网站中提供（npm run build 后用 npm run preview 预览）。';
      return;
    }
    const data = await Promise.all(ranked.results.slice(0, PAGE).map((r) => r.data()));
    if (seq !== this.#seq) return; // a newer query is under way
    this.#section = ranked.section;
    this.#asks = ranked.asks;
    this.#words = ranked.searched.split(' ').filter(Boolean);
    this.#list.innerHTML = data.map((d) => this.#item(d)).join('');
    this.#all = ranked.results;
    this.#shown = data.length;
    // Said when the search differs from what was typed: Traditional read as Simplified, a question's words.
    const typed = query.trim().replace(/\s+/g, ' ');
    this.#note =
      ranked.simplified && ranked.simplified !== typed
        ? `（已按简体“${ranked.simplified}”搜索）`
        : ranked.searched && ranked.searched !== typed
          ? `（已按“${ranked.searched}”搜索）`
          : '';
    this.#updateMore();
  }

  /** The status line and the 显示更多 button for what is shown of the results. */
  #updateMore() {
    const total = this.#all.length;
    this.#status.textContent = total
      ? `找到 ${total} 个结果${this.#shown < total ? `，显示前 ${this.#shown} 个` : ''}${this.#note}`
      : `没有找到结果${this.#note}`;
    const rest = total - this.#shown;
    this.#more.hidden = rest <= 0;
    this.#more.textContent = `显示更多结果（还有 ${rest} 个）`;
  }

  async #showMore() {
    const seq = this.#seq;
    const next = await Promise.all(this.#all.slice(this.#shown, this.#shown + PAGE).map((r) => r.data()));
    if (seq !== this.#seq) return;
    const first = this.#list.children.length;
    this.#list.insertAdjacentHTML('beforeend', next.map((d) => this.#item(d)).join(''));
    this.#shown += next.length;
    this.#updateMore();
    // Keyboard and screen reader users continue at the first new result.
    this.#list.children[first]?.querySelector('a')?.focus();
  }

  #item(d: ResultData) {
    const m = d.meta;
    // The section the result opens, named, with its own excerpt: not the page's first lines.
    const section = bestSection(d, this.#section, this.#asks);
    const badges = [
      m.policy && `<span class="hs__id">${esc(m.policy)}</span>`,
      m.version && `<span>v${esc(m.version)}</span>`,
      m.owner && `<span>${esc(m.owner)}</span>`,
    ]
      .filter(Boolean)
      .join('');
    // The excerpt of the section; when it holds no more than the title (a match of the title of a page
    // that opens with a heading), what the page covers.
    const raw = section?.excerpt || d.excerpt;
    const plain = raw.replace(/<[^>]+>/g, '').replace(/[\s.。]/g, '');
    const excerpt = m.description && plain.length <= (m.title ?? '').length ? esc(m.description) : cjkExcerpt(raw);
    // A question asking when or who: the requirement it is about, with its deadline or carrier.
    const answer = this.#asks ? answerOf(d, this.#words) : undefined;
    const said = answer && (this.#asks === 'when' ? `期限：${answer.w}` : `责任方：${answer.c}`);
    return `<li class="hs__result">
      <a href="${esc(section?.url ?? d.url)}">
        <span class="hs__title">${esc(m.title ?? d.url)}</span>
        ${section && section.title !== m.title ? `<span class="hs__section">${esc(section.title)}</span>` : ''}
        ${said ? `<span class="hs__answer"><strong>${esc(said)}</strong>（${esc(answer!.t)}）</span>` : ''}
        ${badges ? `<span class="hs__meta">${badges}</span>` : ''}
        <span class="hs__excerpt">${excerpt}</span>
      </a>
    </li>`;
  }

  /** Arrow keys move between the search field and the result links; Enter follows a link. */
  #keys(e: KeyboardEvent) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...this.#list.querySelectorAll<HTMLAnchorElement>('.hs__result a')];
    if (!links.length) return;
    e.preventDefault();
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = e.key === 'ArrowDown' ? Math.min(at + 1, links.length - 1) : at - 1;
    if (next < 0) this.#input.focus();
    else links[next]!.focus();
  }

  #open() {
    const link = this.#list.querySelector<HTMLAnchorElement>('.hs__result a');
    if (link) location.href = link.href;
    else this.run();
  }
}
if (!customElements.get('handbook-search')) customElements.define('handbook-search', HandbookSearch);
// For the search benchmark and for debugging from the console.
(window as unknown as { handbookSearch: typeof rankedSearch }).handbookSearch = rankedSearch;
