// The courses' libraries by module id ("course/<name>"), generated at build.
declare module "lbr:course-libraries" {
  const libraries: Record<string, unknown>;
  export default libraries;
}
