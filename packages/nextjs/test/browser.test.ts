import { runNextjsBrowser } from './browser.ts';
import { nextjsTarget } from './example-targets.ts';

// Built once by the global setup (test/build-examples.ts).
runNextjsBrowser(nextjsTarget);
