import type { CommuneCtx } from '../core/context.js';
import type { FileStore } from '../core/files/index.js';
import { loadSharp } from '../core/lazy-libs.js';
import { listActualitesForAdmin, updateActualite } from '../modules/actualites/index.js';
import { fileForWidth, mediaUrl, uploadMedia } from '../modules/medias/index.js';
import { demoPhotos } from './demo-photos.svg.js';

/** Width of the copy an actualité shows (as the back-office's image picker). */
const SHOWN_WIDTH = 1024;

/**
 * Illustrates the demo actualités: draws the pictures, adds them to the media library with their
 * text alternative, and gives each matching actualité its image (saved at its own date).
 */
export async function seedDemoPhotos(ctx: CommuneCtx & { files: FileStore }): Promise<void> {
  const sharp = await loadSharp();
  const actualites = await listActualitesForAdmin(ctx);
  for (const photo of demoPhotos()) {
    const a = actualites.find((x) => x.title.startsWith(photo.titleStart));
    if (!a) continue;
    const bytes = await sharp(Buffer.from(photo.svg)).jpeg({ quality: 82 }).toBuffer();
    const media = await uploadMedia(ctx, {
      bytes,
      originalName: photo.name,
      title: photo.alt,
      alt: photo.alt,
      decorative: false,
      sourceKey: `demo:${photo.name}`,
    });
    const file = fileForWidth(media.files, SHOWN_WIDTH);
    if (!file) continue;
    const when = a.publishAt && Date.parse(a.publishAt) <= ctx.now().getTime() ? a.publishAt : a.createdAt;
    await updateActualite({ ...ctx, now: () => new Date(when) }, a.id, {
      title: a.title,
      slug: a.slug,
      chapo: a.chapo,
      body: a.bodyHtml,
      imageUrl: mediaUrl(media.id, file, 'image'),
      imageAlt: photo.alt,
    });
  }
}
