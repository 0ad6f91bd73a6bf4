/**
 * Fault path patterns: `*` matches any characters (slashes included), `:name` one non-empty path
 * segment, everything else itself. Matched by simulating all pattern positions at once (a
 * Thompson NFA), so a match costs at most pattern length × path length steps whatever the input:
 * a RegExp built from the pattern could backtrack exponentially on `*a*a*a…b`.
 */
export class PathPattern {
  readonly #steps: Step[];

  constructor(pattern: string) {
    this.#steps = [];
    const parts = pattern.split(/(\*|:[A-Za-z_][A-Za-z0-9_]*)/);
    for (const part of parts) {
      if (part === '*') this.#steps.push({ kind: 'anyRun' });
      else if (part.startsWith(':')) this.#steps.push({ kind: 'segmentChar' }, { kind: 'segmentRun' });
      else for (const char of part) this.#steps.push({ kind: 'char', char });
    }
  }

  /** Whether the whole of `path` matches the pattern. */
  test(path: string): boolean {
    const steps = this.#steps;
    // active[i]: some way of matching the path read so far ends just before step i.
    let active = new Array<boolean>(steps.length + 1).fill(false);
    active[0] = true;
    this.#close(active);
    for (const char of path) {
      const next = new Array<boolean>(steps.length + 1).fill(false);
      let alive = false;
      for (let i = 0; i < steps.length; i += 1) {
        if (!active[i]) continue;
        const target = advance(steps[i] as Step, i, char);
        if (target === null) continue;
        next[target] = true;
        alive = true;
      }
      if (!alive) return false;
      this.#close(next);
      active = next;
    }
    return active[steps.length] === true;
  }

  /** Runs (`*`, the rest of a segment) may match nothing: whoever stands before one also stands after it. */
  #close(active: boolean[]): void {
    for (let i = 0; i < this.#steps.length; i += 1) {
      const kind = this.#steps[i]?.kind;
      if (active[i] && (kind === 'anyRun' || kind === 'segmentRun')) active[i + 1] = true;
    }
  }
}

/** Where reading `char` at step `index` leads: the same step (a run), the next one, or nowhere. */
function advance(step: Step, index: number, char: string): number | null {
  switch (step.kind) {
    case 'anyRun':
      return index;
    case 'segmentRun':
      return char === '/' ? null : index;
    case 'segmentChar':
      return char === '/' ? null : index + 1;
    case 'char':
      return step.char === char ? index + 1 : null;
  }
}

/** One position of a compiled pattern. */
type Step =
  | { kind: 'char'; char: string }
  /** `*`: any character, any number of times. */
  | { kind: 'anyRun' }
  /** The first character of a `:name` segment: anything but `/`. */
  | { kind: 'segmentChar' }
  /** The rest of a `:name` segment: anything but `/`, any number of times. */
  | { kind: 'segmentRun' };
