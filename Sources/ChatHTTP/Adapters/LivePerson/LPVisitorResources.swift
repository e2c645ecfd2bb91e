import ChatCore
import Foundation

/// The LivePerson documents of a visitor's chat: the resource with its events and info, its
/// links in LivePerson's order, and the exit survey Parley asks (a rating and a comment).
enum LPVisitorChatResource {
    static func chat(_ view: LPChatView, href chat: String) -> LPNode {
        .fields([
            "link": .array([
                LPLinks.link(chat, "self"),
                LPLinks.link("\(chat)/events", "events"),
                LPLinks.link("\(chat)/info", "info"),
                LPLinks.link("\(chat)?from=\(view.nextID)", "next"),
                LPLinks.link("\(chat)/transcriptRequest", "transcript-request"),
                LPLinks.link("\(chat)/transcriptWithSubjectRequest", "transcript-with-subject-request"),
                LPLinks.link("\(chat)/exitSurvey", "exit-survey"),
                LPLinks.link("\(chat)/customVariables", "custom-variables"),
            ]),
            "events": events(view, href: chat),
            "info": LPChatResource.info(view, href: chat, skill: view.names.departments[view.chat.departmentID]),
        ])
    }

    static func events(_ view: LPChatView, href chat: String) -> LPNode {
        .fields([
            "link": .array([LPLinks.link("\(chat)/events", "self"), LPLinks.link("\(chat)/events?from=\(view.nextID)", "next")]),
            "event": .array(view.events),
        ])
    }
}

/// Parley's exit survey in LivePerson's shape: question `1` rates the chat from 1 to 5
/// (`ChatService.rate`), question `2` is an optional comment.
enum LPExitSurvey {
    static let ratingQuestion = "1"
    static let commentQuestion = "2"

    static func document(chatNumber: Int64) -> LPNode {
        .document("survey", .fields([
            "id": .number(chatNumber),
            "title": .string(""),
            "header": .string("How did we do?"),
            "questions": .fields(["question": .array([
                .fields([
                    "type": .string("Radio Button"), "validationType": .string("numeric"), "id": .string(ratingQuestion),
                    "logicId": .number(1), "order": .number(0), "mandatory": .boolean(true),
                    "label": .string("How would you rate this chat?"),
                    "entry": .array((1...5).map { score in
                        .fields(["checked": .boolean(false), "value": .string(String(score)), "displayValue": .string(String(score))])
                    }),
                ]),
                .fields([
                    "type": .string("Text Area"), "validationType": .string("alpha_numeric"), "id": .string(commentQuestion),
                    "logicId": .number(2), "order": .number(1), "mandatory": .boolean(false),
                    "label": .string("Anything you would like to add?"), "lastKnownValue": .string(""),
                ]),
            ])]),
        ]))
    }
}
