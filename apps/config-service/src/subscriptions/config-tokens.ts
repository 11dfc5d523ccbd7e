import type { PluginCatalog } from '@hookbus/plugin-catalog';
import type { ValidationContext } from '@hookbus/delivery-sdk';

/** Injection tokens for what config-service is configured with at boot. */
export const PLUGIN_CATALOG = Symbol('PLUGIN_CATALOG');
export const VALIDATION_CONTEXT = Symbol('VALIDATION_CONTEXT');
export const SECRET_BOX = Symbol('SECRET_BOX');

export type { PluginCatalog, ValidationContext };
