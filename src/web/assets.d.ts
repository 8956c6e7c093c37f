// Pages import their stylesheets from TypeScript; esbuild bundles them into app.css.
declare module '*.css';
