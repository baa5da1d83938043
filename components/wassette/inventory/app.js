// The inventory component (wit/world.wit): pure functions, no host access.

function cents(item) {
  switch (item.price.tag) {
    case 'free':
      return 0n;
    case 'fixed':
      return BigInt(item.price.val);
    case 'per-unit':
      return BigInt(item.price.val[0]) * BigInt(item.quantity);
    default:
      throw new Error(`unknown price ${item.price.tag}`);
  }
}

export function summarize(items) {
  if (items.length === 0) {
    throw { tag: 'empty' };
  }
  const zero = items.find((item) => item.quantity === 0);
  if (zero) {
    throw { tag: 'zero-quantity', val: zero.name };
  }
  return {
    count: items.length,
    totalCents: items.reduce((sum, item) => sum + cents(item), 0n),
    names: items.map((item) => item.name),
    needsCare: items.some((item) => item.handling.fragile || item.handling.hazardous),
  };
}

export function find(items, name) {
  return items.find((item) => item.name === name);
}

export function units() {
  return ['piece', 'kilogram', 'litre'];
}
