// 404 page.
import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="page">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link href="/">See all courses</Link>.
      </p>
    </main>
  );
}
