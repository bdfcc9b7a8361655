// swagger-ui-dist ships no types; this route uses only its path helper (CommonJS).
declare module "swagger-ui-dist/absolute-path.js" {
  const getAbsoluteFSPath: () => string;
  export default getAbsoluteFSPath;
}
