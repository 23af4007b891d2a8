// A help page (content/help/<slug>.md); headings get the ids Ask AI's citations link to.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/chapter/Breadcrumbs";
import { Toc } from "@/components/chapter/Toc";
import { helpPage } from "@/lib/ask/help";
import { renderHelp } from "@/lib/ask/help-render.server";

export function helpMetadata(slug: string): Metadata {
  const page = helpPage(slug);
  return page ? { title: page.title, description: page.summary } : {};
}

export function HelpArticle({ slug }: { slug: string }) {
  const page = helpPage(slug);
  if (!page) notFound();
  const { html, headings } = renderHelp(page.source);
  return (
    <main id="main" className="page help-page">
      <Breadcrumbs items={[{ label: "Courses", href: "/" }, { label: page.title }]} />
      <h1>{page.title}</h1>
      <p className="lead">{page.summary}</p>
      <Toc headings={headings} />
      <article className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </main>
  );
}
