import adapter from '@sveltejs/adapter-node';

// SvelteKit 2 reads its options here (SvelteKit 3 takes them in vite.config.ts).
/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: { adapter: adapter() },
};
