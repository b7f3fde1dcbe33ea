import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * Criteria are written in Markdown by issuers and shown to anyone: rendered, then sanitised to
 * a small set of text tags (no raw HTML, images, scripts or styles survive).
 */
export function criteriaHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true });
  return sanitizeHtml(html, {
    allowedTags: ["p", "br", "strong", "em", "ul", "ol", "li", "a", "code", "pre", "blockquote", "h3", "h4", "h5", "h6", "hr"],
    allowedAttributes: { a: ["href", "rel", "target"] },
    allowedSchemes: ["http", "https", "mailto"],
    // Headings from the text never outrank the page's own.
    transformTags: {
      h1: "h3",
      h2: "h3",
      a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener", target: "_blank" }),
    },
  });
}
