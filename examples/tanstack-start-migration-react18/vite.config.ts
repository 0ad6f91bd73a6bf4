import { tanstackStart } from '@tanstack/react-start/plugin/vite';
import viteReact from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The migration app's sources (examples/tanstack-start-migration/src), built with React 18: every
// import of react and react-dom, the app's and its dependencies', resolves to this package's copy.
export default defineConfig({
  resolve: { dedupe: ['react', 'react-dom'] },
  plugins: [tanstackStart({ srcDirectory: '../tanstack-start-migration/src' }), viteReact()],
});
