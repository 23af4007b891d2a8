// Root layout: site header, global styles, light/dark from the system setting.
import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./katex.css"; // KaTeX styles with font-display: swap (scripts/katex-css.ts)
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Learn by Running", template: "%s · Learn by Running" },
  description: "Machine learning lessons you read, code you run in the page, and quizzes that teach.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0f1117" },
  ],
};

// Before first paint: CSS collapses the narrow-screen menu only when its toggle can work.
const markJs = "document.documentElement.classList.add('js')";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: markJs }} />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="site-name">
            Learn by Running
          </Link>
          <Link href="/account" className="site-account">
            Account
          </Link>
        </header>
        {children}
      </body>
    </html>
  );
}
