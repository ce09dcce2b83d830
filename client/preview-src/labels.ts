/**
 * Bar labels, fitted without forcing a layout: a ResizeObserver reports each bar's width after the
 * browser has laid it out, and the fitting itself only reads attributes and text widths measured
 * on a canvas. A bar rebuilt by a render has the width of the one it replaces (the same id), so
 * its labels are fitted at once; a bar seen for the first time, or resized, is fitted when the
 * observer reports it (before that frame is painted). The font is read once per theme.
 */

/** Label padding and gaps of preview.css (.seg-label): margin 4, padding 5 + 5, gap 5. */
const LABEL_INSET = 4;
const LABEL_PADDING = 10;
const LABEL_GAP = 5;
const SEGMENT_SLACK = 2;
const BARS = '.bar, .nested-track';

export class LabelFitter {
  /** content width by bar (its id, else its class) */
  private readonly widths = new Map<string, number>();
  private readonly observed = new Set<HTMLElement>();
  private readonly observer = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const bar = entry.target as HTMLElement;
      this.widths.set(barKey(bar), entry.contentRect.width);
      this.fitBar(bar);
    }
  });
  private font: string | undefined;
  private readonly texts = new TextWidths();

  constructor(private readonly root: HTMLElement) {
    // VS Code sets the theme's variables (fonts among them) on <html> and its kind on <body>
    const themed = new MutationObserver(() => {
      this.font = undefined;
      for (const bar of this.observed) this.fitBar(bar);
    });
    themed.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
    themed.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  /** Fits the labels of every bar in the page whose width is known, and watches the bars not seen before. */
  fit(): void {
    for (const bar of this.observed) {
      if (bar.isConnected) continue;
      this.observer.unobserve(bar);
      this.observed.delete(bar);
    }
    for (const bar of Array.from(this.root.querySelectorAll<HTMLElement>(BARS))) {
      if (!this.observed.has(bar)) {
        this.observed.add(bar);
        this.observer.observe(bar);
      }
      this.fitBar(bar);
    }
  }

  /**
   * Shows each label where it fits: name and amount, else the name, else nothing; and never across
   * the host marker.
   */
  private fitBar(bar: HTMLElement): void {
    const width = this.widths.get(barKey(bar));
    if (width === undefined) return;
    const font = (this.font ??= labelFont(this.root));
    if (font === undefined) return;
    const scale = Number(bar.getAttribute('data-scale')) || 0;
    const host = Number(bar.getAttribute('data-host')) || 0;
    const markerX = bar.querySelector('.host-marker') && scale > 0 ? (host / scale) * width : undefined;
    const track = bar.classList.contains('nested-track');
    const trackScale = track ? Number(bar.closest('section')?.querySelector('#processors-bar')?.getAttribute('data-scale')) || 0 : 0;
    let left = 0;
    for (const seg of Array.from(bar.children) as HTMLElement[]) {
      if (!seg.classList.contains('segment')) continue;
      const amount = Number(seg.getAttribute('data-vps') ?? seg.getAttribute('data-bytes')) || 0;
      const segWidth = (amount / (track ? trackScale : scale)) * width;
      const segLeft = track ? ((Number(seg.style.left.replace('%', '')) || 0) / 100) * width : left;
      left += segWidth;
      const label = seg.querySelector<HTMLElement>('.seg-label');
      if (!label) continue;
      const name = this.texts.width(label.firstElementChild?.textContent ?? '', font);
      const amountText = label.children[1]?.textContent ?? '';
      const full = name + (amountText ? LABEL_GAP + this.texts.width(amountText, font) : 0) + LABEL_PADDING;
      const short = name + LABEL_PADDING;
      const room = segWidth - LABEL_INSET - SEGMENT_SLACK;
      const start = segLeft + LABEL_INSET;
      const crosses = (w: number): boolean => markerX !== undefined && markerX > start - 2 && markerX < start + w + 2;
      const mode = full <= room && !crosses(full) ? '' : short <= room && !crosses(short) ? 'no-amount' : 'hidden';
      label.classList.toggle('no-amount', mode === 'no-amount');
      label.classList.toggle('hidden', mode === 'hidden');
    }
  }
}

function barKey(bar: HTMLElement): string {
  return bar.id || bar.className;
}

/** The labels' font, from the first label in the page (undefined while there is none). */
function labelFont(root: ParentNode): string | undefined {
  const sample = root.querySelector<HTMLElement>('.seg-label');
  if (!sample) return undefined;
  const style = getComputedStyle(sample);
  return `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
}

/** Text widths measured on a canvas, remembered per font and text. */
class TextWidths {
  private canvas: CanvasRenderingContext2D | null | undefined;
  private readonly widths = new Map<string, number>();

  width(text: string, font: string): number {
    const key = `${font}\u0000${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      this.canvas ??= document.createElement('canvas').getContext('2d');
      if (!this.canvas) return text.length * 7;
      this.canvas.font = font;
      w = this.canvas.measureText(text).width;
      if (this.widths.size > 5000) this.widths.clear();
      this.widths.set(key, w);
    }
    return w;
  }
}
