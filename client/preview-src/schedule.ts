/**
 * Spreads a render over frames so no task keeps the main thread long: the render is a list of
 * steps (a generator), each reporting how much of the page it rebuilt; after enough work the
 * browser gets a frame to lay out and paint what is there before the next steps run. A first
 * render thus shows the header and bars first, then the tables one by one; an update that touches
 * a few rows runs in one task. When new data arrives during a render, the render starts over
 * with it at its next pause (steps compare their data, so what is already drawn is kept).
 */

/** A render: each `yield` reports the work of the step before it (sections or rows rebuilt). */
export type RenderSteps = Generator<number, void, undefined>;

/** Work (rows or sections rebuilt) between two frames. */
const WORK_PER_FRAME = 40;
/** Script time between two frames, in ms. */
const TIME_PER_FRAME = 25;
/** Fallback when no frame comes (a hidden page): continue after this long, in ms. */
const FRAME_FALLBACK = 100;

export class RenderScheduler {
  private running = false;
  private again = false;

  /**
   * @param steps the render of what the page holds now
   * @param done after a render that ran to its end and was laid out
   */
  constructor(
    private readonly steps: () => RenderSteps,
    private readonly done: () => void,
  ) {}

  /** Renders what the page holds now; a render under way starts over with it. */
  request(): void {
    this.again = true;
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.again) {
        this.again = false;
        if (await this.pass()) {
          // the frame that lays out the last steps (and fits their labels) before the render counts as done
          await nextFrame();
          if (!this.again) this.done();
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** One render; false when newer data superseded it. */
  private async pass(): Promise<boolean> {
    let work = 0;
    let start = performance.now();
    for (const done of this.steps()) {
      work += done;
      if (work < WORK_PER_FRAME && performance.now() - start < TIME_PER_FRAME) continue;
      await nextFrame();
      if (this.again) return false;
      work = 0;
      start = performance.now();
    }
    return true;
  }
}

/** Resolves after the next frame was laid out and painted (or after a while when no frame comes). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, FRAME_FALLBACK);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
