import { MAX_PAGE_SIZE } from "@ledgerline/domain";
import { describe, expect, it } from "vitest";
import { customerListSpec } from "../features/customers/customer-list-spec.ts";
import { projectListSpec } from "../features/projects/project-list-spec.ts";
import { supplierListSpec } from "../features/suppliers/supplier-list-spec.ts";
import {
  applyListChanges,
  hasActiveFilters,
  listQueryInput,
  PAGE_SIZE_CHOICES,
  parseListState,
  serializeListState,
  toggleSort,
} from "./list-state.ts";

const parse = <S extends typeof customerListSpec>(query: string, spec: S) =>
  parseListState(new URLSearchParams(query), spec);

describe("list state in the URL", () => {
  it("has defaults for an empty query", () => {
    expect(parse("", customerListSpec)).toEqual({
      search: "",
      page: 1,
      pageSize: 25,
      sortBy: "name",
      sortDirection: "asc",
      filters: { archived: "active", country: undefined },
    });
    expect(serializeListState(parse("", customerListSpec), customerListSpec)).toBe("");
  });

  it("reads what it wrote", () => {
    const state = parse(
      "q=Blauwal&archived=all&country=de&sort=city&dir=desc&size=50&page=3",
      customerListSpec,
    );
    expect(state).toEqual({
      search: "Blauwal",
      page: 3,
      pageSize: 50,
      sortBy: "city",
      sortDirection: "desc",
      filters: { archived: "all", country: "DE" },
    });
    const query = serializeListState(state, customerListSpec);
    expect(query).toBe("?q=Blauwal&archived=all&country=DE&sort=city&dir=desc&size=50&page=3");
    expect(parseListState(new URLSearchParams(query), customerListSpec)).toEqual(state);
  });

  it("falls back field by field on a hand-edited link", () => {
    const state = parse(
      "archived=deleted&country=Germany&sort=password&dir=up&size=100000&page=-2",
      customerListSpec,
    );
    expect(state).toMatchObject({ page: 1, pageSize: 25, sortBy: "name", sortDirection: "asc" });
    expect(state.filters).toEqual({ archived: "active", country: undefined });
  });

  it("offers only page sizes the API accepts", () => {
    expect(PAGE_SIZE_CHOICES.every((size) => size <= MAX_PAGE_SIZE)).toBe(true);
    for (const size of PAGE_SIZE_CHOICES) {
      expect(parse(`size=${size}`, customerListSpec).pageSize).toBe(size);
    }
    expect(parse("size=500", customerListSpec).pageSize).toBe(25);
  });

  it("checks ids and language pairs before they reach the API", () => {
    const id = "0b0e6f3a-8c1d-4c47-9a43-7b1d2f9e6a10";
    expect(
      parseListState(
        new URLSearchParams(`customerId=${id}&managerId=42&status=on_hold`),
        projectListSpec,
      ).filters,
    ).toEqual({
      status: "on_hold",
      customerId: id,
      managerId: undefined,
      archived: "active",
    });
    expect(
      parseListState(new URLSearchParams("languagePair=EN>DE&kind=agency"), supplierListSpec)
        .filters,
    ).toMatchObject({
      languagePair: "en>de",
      kind: "agency",
    });
    expect(
      parseListState(new URLSearchParams("languagePair=english"), supplierListSpec).filters
        .languagePair,
    ).toBeUndefined();
  });

  it("sorts projects by number, newest first, unless told otherwise", () => {
    expect(parseListState(new URLSearchParams(""), projectListSpec)).toMatchObject({
      sortBy: "number",
      sortDirection: "desc",
    });
    expect(
      serializeListState(
        parseListState(new URLSearchParams("dir=asc"), projectListSpec),
        projectListSpec,
      ),
    ).toBe("?dir=asc");
  });
});

describe("changing the list", () => {
  const onPageFour = parse("q=a&page=4", customerListSpec);

  it("goes back to page 1 when search, filters, sort or page size change", () => {
    expect(applyListChanges(onPageFour, { search: "ab" }).page).toBe(1);
    expect(applyListChanges(onPageFour, { filters: { country: "AT" } }).page).toBe(1);
    expect(applyListChanges(onPageFour, { sortBy: "city" }).page).toBe(1);
    expect(applyListChanges(onPageFour, { pageSize: 50 }).page).toBe(1);
  });

  it("keeps other filters when one changes", () => {
    const state = parse("archived=all&country=AT", customerListSpec);
    expect(applyListChanges(state, { filters: { country: undefined } }).filters).toEqual({
      archived: "all",
      country: undefined,
    });
  });

  it("moves pages without losing anything else", () => {
    expect(applyListChanges(onPageFour, { page: 5 })).toMatchObject({ page: 5, search: "a" });
  });

  it("sorts a new column ascending and flips the current one", () => {
    expect(toggleSort({ sortBy: "name", sortDirection: "asc" }, "city")).toEqual({
      sortBy: "city",
      sortDirection: "asc",
    });
    expect(toggleSort({ sortBy: "city", sortDirection: "asc" }, "city")).toEqual({
      sortBy: "city",
      sortDirection: "desc",
    });
    expect(toggleSort({ sortBy: "city", sortDirection: "desc" }, "city")).toEqual({
      sortBy: "city",
      sortDirection: "asc",
    });
  });

  it("knows when the list is narrowed (for the empty state)", () => {
    expect(hasActiveFilters(parse("", customerListSpec), customerListSpec)).toBe(false);
    expect(hasActiveFilters(parse("sort=city&page=2", customerListSpec), customerListSpec)).toBe(
      false,
    );
    expect(hasActiveFilters(parse("q=x", customerListSpec), customerListSpec)).toBe(true);
    expect(hasActiveFilters(parse("archived=all", customerListSpec), customerListSpec)).toBe(true);
  });

  it("asks the list procedure for the state as it stands", () => {
    expect(
      listQueryInput(parse("q=%20%20&country=de&sort=city&dir=desc&page=2", customerListSpec)),
    ).toEqual({
      search: undefined,
      archived: "active",
      country: "DE",
      sortBy: "city",
      sortDirection: "desc",
      page: 2,
      pageSize: 25,
    });
    expect(
      listQueryInput(
        parseListState(
          new URLSearchParams("q=%20Blauwal%20&status=on_hold&size=100"),
          projectListSpec,
        ),
      ),
    ).toMatchObject({
      search: "Blauwal",
      status: "on_hold",
      customerId: undefined,
      pageSize: Math.min(100, MAX_PAGE_SIZE),
    });
  });
});
