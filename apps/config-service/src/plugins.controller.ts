import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PLUGIN_CATALOG, type PluginCatalog } from './subscriptions/config-tokens';

/** `GET /v1/plugins`: what a subscription can be made of. Public: it holds no tenant data. */
@ApiTags('plugins')
@Controller('v1/plugins')
export class PluginsController {
  constructor(@Inject(PLUGIN_CATALOG) private readonly catalog: PluginCatalog) {}

  @Get()
  list() {
    return { items: this.catalog.describe() };
  }
}
