// Turns each <textarea data-editor="riche"> of the back-office into a WYSIWYG editor (TinyMCE,
// served by Clocher itself). Without JavaScript the textarea still works: the server sanitizes
// whatever HTML it receives.
(() => {
  const areas = document.querySelectorAll('textarea[data-editor="riche"]');
  if (areas.length === 0 || typeof window.tinymce === 'undefined') return;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  window.tinymce.init({
    selector: 'textarea[data-editor="riche"]',
    base_url: '/static/vendor/tinymce',
    suffix: '.min',
    license_key: 'gpl',
    language: 'fr_FR',
    language_url: '/static/vendor/tinymce-langs/fr_FR.js',
    menubar: false,
    branding: false,
    promotion: false,
    plugins: 'lists link image table autolink autoresize',
    toolbar: 'blocks | bold italic | bullist numlist | link image table | undo redo',
    block_formats: 'Paragraphe=p; Titre 2=h2; Titre 3=h3; Titre 4=h4',
    link_default_protocol: 'https',
    image_caption: true,
    image_advtab: false,
    automatic_uploads: true,
    images_upload_url: '/admin/medias/editeur',
    images_upload_credentials: true,
    images_upload_handler: (blobInfo) =>
      fetch('/admin/medias/editeur', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'x-csrf-token': csrf, 'content-type': blobInfo.blob().type || 'application/octet-stream', 'x-filename': encodeURIComponent(blobInfo.filename()) },
        body: blobInfo.blob(),
      }).then(async (res) => {
        const json = await res.json().catch(() => ({}));
        if (!res.ok) throw new Error(json.message || 'Envoi de l’image impossible.');
        return json.location;
      }),
    content_css: '/static/css/editor-content.css',
    min_height: 320,
    setup: (editor) => {
      editor.on('change', () => editor.save());
      // The editable body carries an aria-label: give it the role that label belongs to (axe, RGAA 7.1).
      editor.on('init', () => {
        const body = editor.getBody();
        body.setAttribute('role', 'textbox');
        body.setAttribute('aria-multiline', 'true');
      });
    },
  });
})();
