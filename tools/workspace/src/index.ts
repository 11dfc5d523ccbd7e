export * from './generators/plugin/generator';
export type { PluginGeneratorOptions } from './generators/plugin/plugin-options';
