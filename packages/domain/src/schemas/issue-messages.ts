import type { z } from "zod";
import { appMessage, messageOfSentence, type AppMessage } from "../messages.ts";

/**
 * The message of a zod issue by key (messages.ts), for the field errors the API returns: the
 * same rules the web's own validation translates (a required field, a length, a number, a
 * choice), and for a rule's own sentence its key when it has one.
 */
export function messageOfIssue(issue: z.core.$ZodIssue): AppMessage {
  const own = messageOfSentence(issue.message);
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") {
        return min <= 1 ? appMessage("field.required") : appMessage("field.minLength", { min });
      }
      if (own.key !== "text") return own;
      if (issue.origin === "number") return appMessage("field.min", { min });
      if (issue.origin === "array") return appMessage("field.minItems", { min });
      break;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return appMessage("field.maxLength", { max });
      if (own.key !== "text") return own;
      if (issue.origin === "number") return appMessage("field.max", { max });
      if (issue.origin === "array") return appMessage("field.maxItems", { max });
      break;
    }
    case "invalid_type":
      if (issue.expected === "number") return appMessage("field.number");
      if (issue.expected === "int") return appMessage("field.wholeNumber");
      if (issue.input === undefined || issue.input === null) return appMessage("field.required");
      break;
    case "invalid_format":
      if (own.key !== "text") return own;
      if (issue.format === "email") return appMessage("field.email");
      if (issue.format === "date") return appMessage("field.date");
      if (issue.format === "uuid") return appMessage("field.choose");
      break;
    case "invalid_value":
      return appMessage("field.choose");
    default:
      break;
  }
  return own.key === "text" ? appMessage("field.invalid") : own;
}
