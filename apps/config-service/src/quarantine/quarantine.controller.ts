import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { ApiJsonBody, ApiJsonQuery, ApiJsonResponse, ApiProblemResponses, ZodValidationPipe } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { describeQuarantined } from './quarantined-message';
import { QuarantineReader } from './quarantine-reader';
import { QuarantineReplayer } from './quarantine-replayer';
import {
  type ListQuarantineQuery,
  listQuarantineQuery,
  MAX_QUARANTINE_PAGE,
  quarantinePage,
  type ReplayRequest,
  replayRequest,
  replayView,
} from './quarantine.schemas';
import { ReplayLedger } from './replay-ledger';

/** The operator's look at `hookbus.events.quarantine.v1`, and the way back from it. */
@ApiTags('quarantine')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Controller('v1/quarantine')
@UseGuards(AuthGuard)
@Allow('operator')
export class QuarantineController {
  constructor(
    @Inject(QuarantineReader) private readonly reader: QuarantineReader,
    @Inject(QuarantineReplayer) private readonly replayer: QuarantineReplayer,
    @Inject(ReplayLedger) private readonly ledger: ReplayLedger,
  ) {}

  @ApiJsonQuery(listQuarantineQuery)
  @ApiJsonResponse(HttpStatus.OK, quarantinePage, 'Quarantined messages by partition and offset, with reason, source and whether they were replayed.')
  @ApiProblemResponses(400)
  @Get()
  async list(@Query(new ZodValidationPipe(listQuarantineQuery)) query: ListQuarantineQuery): Promise<z.output<typeof quarantinePage>> {
    const page = await this.reader.page(query, query.limit ?? MAX_QUARANTINE_PAGE);
    const items = page.items.map(describeQuarantined);
    const replayed = await this.ledger.replayedAt(items.map(({ id }) => id));
    return {
      items: items.map((item) => {
        const at = replayed.get(item.id);
        return at ? { ...item, replayedAt: at.toISOString() } : item;
      }),
      ...(page.next ? { next: page.next } : {}),
    };
  }

  /** Re-publishes chosen messages (by id, or a topic's window) to their original topic, each once. */
  @ApiJsonBody(replayRequest, '`{ids}` (`<partition>:<offset>` on the quarantine topic), or `{topic, since, until}`: a window `[since, until)` of quarantine time.')
  @ApiJsonResponse(HttpStatus.OK, replayView, 'What was replayed now, skipped (replayed before) and not found.')
  @ApiProblemResponses(400, 503)
  @Post('replay')
  @HttpCode(HttpStatus.OK)
  replay(@Body(new ZodValidationPipe(replayRequest)) request: ReplayRequest): Promise<z.output<typeof replayView>> {
    return this.replayer.replay(request);
  }
}
