import { Box, Flex, TextButton, Typography } from '@strapi/design-system';
import type { CompileError } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

/** Template problems with their line; a click puts the editor's cursor on that line. */
export const CompileErrors = ({ errors, onJump }: { errors: CompileError[]; onJump: (line: number) => void }) => {
  const t = useT();
  if (errors.length === 0) return null;
  return (
    <Box background="danger100" borderColor="danger200" padding={4} hasRadius data-testid="compile-errors">
      <Typography variant="omega" fontWeight="bold" textColor="danger700">
        {t('editor.errors', '{count, plural, one {# problem} other {# problems}} in the template', {
          count: errors.length,
        })}
      </Typography>
      <Flex tag="ul" direction="column" alignItems="stretch" gap={1} paddingTop={2}>
        {errors.map((error, index) => (
          <li key={`${error.line}-${index}`} data-line={error.line}>
            {error.line > 0 ? (
              <TextButton onClick={() => onJump(error.line)}>
                {t('editor.errorLine', 'Line {line}: {message}', { line: error.line, message: error.message })}
              </TextButton>
            ) : (
              <Typography textColor="danger700">
                {error.field === 'subject'
                  ? t('editor.subjectError', 'Subject: {message}', { message: error.message })
                  : error.message}
              </Typography>
            )}
          </li>
        ))}
      </Flex>
    </Box>
  );
};
