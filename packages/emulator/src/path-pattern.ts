/**
 * Fault path patterns: `*` matches any characters (slashes included), `:name` one non-empty path
 * segment, everything else itself. Matched by simulating all pattern positions at once (a
 * Thompson NFA), so a match costs at most pattern length × path length steps whatever the input:
 * a RegExp built from the pattern could backtrack exponentially on `*a*a*a…b`.
 */
export class PathPattern {
  /** One entry per step: a literal character, or one of the run/segment markers below. */
  readonly #steps: string[] = [];

  constructor(pattern: string) {
    for (const part of pattern.split(/(\*|:[A-Za-z_][A-Za-z0-9_]*)/)) {
      if (part === '*') this.#steps.push(ANY_RUN);
      else if (part.startsWith(':')) this.#steps.push(SEGMENT_CHAR, SEGMENT_RUN);
      else this.#steps.push(...part);
    }
  }

  /** Whether the whole of `path` matches the pattern. */
  test(path: string): boolean {
    const steps = this.#steps;
    // active[i] = 1: some way of matching the path read so far ends just before step i.
    let active = new Uint8Array(steps.length + 1);
    let next = new Uint8Array(steps.length + 1);
    active[0] = 1;
    this.#close(active);
    for (const char of path) {
      next.fill(0);
      let alive = false;
      const notSlash = char !== '/';
      for (let i = 0; i < steps.length; i += 1) {
        if (active[i] === 0) continue;
        const step = steps[i];
        if (step === ANY_RUN || (step === SEGMENT_RUN && notSlash)) next[i] = 1;
        else if (step === char || (step === SEGMENT_CHAR && notSlash)) next[i + 1] = 1;
        else continue;
        alive = true;
      }
      if (!alive) return false;
      this.#close(next);
      [active, next] = [next, active];
    }
    return active[steps.length] === 1;
  }

  /** Runs (`*`, the rest of a segment) may match nothing: whoever stands before one also stands after it. */
  #close(active: Uint8Array): void {
    for (let i = 0; i < this.#steps.length; i += 1) {
      const step = this.#steps[i];
      if (active[i] === 1 && (step === ANY_RUN || step === SEGMENT_RUN)) active[i + 1] = 1;
    }
  }
}

// Markers are two characters long, so no single path character can equal one.
/** `*`: any character, any number of times. */
const ANY_RUN = '*…';
/** The first character of a `:name` segment: anything but `/`. */
const SEGMENT_CHAR = ':1';
/** The rest of a `:name` segment: anything but `/`, any number of times. */
const SEGMENT_RUN = ':…';
