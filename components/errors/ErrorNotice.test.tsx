// The error notice names the reference to report only when there is one, and always offers a way on.
import { renderToStaticMarkup } from "react-dom/server";
import { ErrorNotice } from "./ErrorNotice";

it("shows the digest when the server gave one, a Try again button and a link home", () => {
  const html = renderToStaticMarkup(<ErrorNotice what="This page could not be shown." digest="12345" reset={() => {}} />);
  expect(html).toContain("<h1>Something went wrong</h1>");
  expect(html).toContain("This page could not be shown.");
  expect(html).toContain("<code>12345</code>");
  expect(html).toMatch(/<button type="button">Try again<\/button>/);
  expect(html).toContain('href="/"');
  expect(renderToStaticMarkup(<ErrorNotice what="x" reset={() => {}} />)).not.toContain("reference");
});
