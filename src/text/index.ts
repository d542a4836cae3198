export { cleanView, hasInvisible, hasTagCharacters } from './clean.js';
export { foldView } from './fold.js';
export { normalize, textViews, type Views } from './views.js';
export { rawView, toOriginal, type TextView, type ViewName, ViewBuilder } from './view.js';
