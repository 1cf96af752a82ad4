// Finding AWS credentials in an environment variable, by the tokens in its value and the words
// in its name, without ever keeping the value in what it returns.
#pragma once

#include <string>

#include "model/model.h"

namespace iamlint {

struct EnvCredential {
  enum class Kind {
    kNone,
    kAccessKeyId,      // AKIA.../ASIA... (alone)
    kSecretAccessKey,  // the 40-character secret
    kKeyPair,          // an access key ID with its secret in the same value
    kSessionToken,
    kSmtpPassword,  // an IAM access key's SES SMTP password (derived from the secret)
  };
  Kind kind = Kind::kNone;
  /// How it was found, for messages: "by its name", "inside its value", "set from
  /// aws_iam_access_key.deploy.secret". Never any part of the value.
  std::string how;
};

/// What AWS credential the variable holds, if any.
///
/// In the value (wherever it sits: alone, after a newline, as `KEY:SECRET`, in a URL's user
/// info, in a JSON blob, percent- or JSON-escaped): access key IDs, `AKIA`/`ASIA` and 16
/// upper-case letters or digits between non-alphanumerics (not placeholders such as
/// `AKIAXXXXXXXXXXXXXXXX`); 40-character secrets of mixed-case base64 letters, digits, `/` and
/// `+`, counted when a key ID is in the same value or the name says secret.
///
/// In the name (case and separators ignored, at any position): `SECRET_ACCESS_KEY`,
/// `ACCESS_KEY_ID`, `SESSION_TOKEN` name a credential whatever the value is (unknown values
/// included), except empty values and references or placeholders (`${AWS_SECRET_ACCESS_KEY}`,
/// `$VAR`, `{{resolve:...}}`, `<your key>`, an ARN of a secret, `changeme`); `SECRET` or
/// `ACCESS_KEY` anywhere name one when the value holds a secret-shaped token.
///
/// An unknown value set from an IAM access key (`aws_iam_access_key.NAME.id`, `.secret`,
/// `.ses_smtp_password_v4`, in `source_reference`) is that key's credential.
///
/// AWS's documented example key (`AKIAIOSFODNN7EXAMPLE`, secret `wJalrXUtnFEMI/K7MDENG/...`)
/// counts like any key: it stands for a real one in tutorials that are copied, and a
/// configuration carrying it carries keys in its environment.
EnvCredential FindCredentialInEnv(const EnvVar& var);

/// "an AWS access key ID", "an AWS secret access key", ...
const char* EnvCredentialName(EnvCredential::Kind kind);

}  // namespace iamlint
