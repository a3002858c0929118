export { Breadcrumb } from '../../../ui/breadcrumb.js';
