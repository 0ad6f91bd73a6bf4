// The test projects of the monorepo. Vitest 5 no longer reads this file by itself:
// the root vitest.config.ts passes it to `test.projects`.
export const testProjects = ['packages/*', 'internal/*'];
