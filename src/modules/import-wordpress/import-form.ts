/** The largest export or uploads archive the WordPress import form accepts (it carries two files). */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;
export const IMPORT_FORM_FILES = 2;
