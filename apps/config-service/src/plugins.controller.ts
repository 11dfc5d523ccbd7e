import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { pluginDescriptionSchema } from '@hookbus/plugin-catalog';
import { ApiJsonResponse } from '@hookbus/platform';
import { listOf } from './page.schemas';
import { PLUGIN_CATALOG, type PluginCatalog } from './subscriptions/config-tokens';

const pluginList = listOf(pluginDescriptionSchema);

/** `GET /v1/plugins`: what a subscription can be made of. Public: it holds no tenant data. */
@ApiTags('plugins')
@Controller('v1/plugins')
export class PluginsController {
  constructor(@Inject(PLUGIN_CATALOG) private readonly catalog: PluginCatalog) {}

  @ApiJsonResponse(HttpStatus.OK, pluginList, 'The plugins, their hooks and event types, and the settings each accepts.')
  @Get()
  list(): z.output<typeof pluginList> {
    return { items: this.catalog.describe() };
  }
}
