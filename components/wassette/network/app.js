// The network component (wit/world.wit): fetch() goes out through wasi:http/outgoing-handler.

export async function fetchUrl(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw `request to ${url} failed: ${error?.message ?? error}`;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? undefined,
    body: await response.text(),
  };
}
