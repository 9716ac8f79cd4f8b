/** The plugin's virtual module, for the type checker. */
declare module 'virtual:vimage/set' {
  const rows: Array<{ symbol: string; module: string; name: string; slot: number; copy: string; form: string; line: number; column: number }>;
  export default rows;
}
