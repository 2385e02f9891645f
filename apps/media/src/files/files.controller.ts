import { Controller, Get, Header, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { RequestAuthenticator } from '../http/request-authenticator';
import { DownloadLinkSigner } from './download-links';
import { FileAccess } from './file-access';
import { FileView, toFileView } from './file-view';

/** GET /v1/media/files/{fileId}: a file's metadata and short-lived download URLs, for its owner and the members it was shared with. */
@Controller('v1/media/files')
export class FilesController {
  constructor(
    private readonly authenticator: RequestAuthenticator,
    private readonly access: FileAccess,
    private readonly signer: DownloadLinkSigner,
  ) {}

  @Get(':fileId')
  @Header('Cache-Control', 'no-store')
  async get(@Param('fileId') fileId: string, @Req() request: Request): Promise<FileView> {
    const claims = await this.authenticator.authenticate(request);
    const file = await this.access.requireReadable(fileId, claims.userId);

    return toFileView(file, this.signer);
  }
}
