import type { Core } from '@strapi/strapi';
import type {
  ApiResponse,
  DigestPreview,
  PublishRuleHistory,
  PublishRuleResponse,
  PublishRulesResponse,
} from '../contracts';
import { getService } from '../utils/plugin';
import { validatePublishRule, validateRuleId } from '../validation/publish-rules';

type Context = Parameters<Core.ControllerHandler>[0];

/** The publish rules admin API (contracts/publish-rules.ts); the service holds the rules. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rules = () => getService(strapi, 'publishRules');
  const id = (ctx: Context) => validateRuleId(ctx.params.id);

  return {
    async find(ctx: Context) {
      ctx.body = { data: await rules().list() } satisfies PublishRulesResponse;
    },

    async findOne(ctx: Context) {
      ctx.body = { data: await rules().findOne(await id(ctx)) } satisfies PublishRuleResponse;
    },

    async create(ctx: Context) {
      const input = await validatePublishRule(ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await rules().create(input) } satisfies PublishRuleResponse;
    },

    async update(ctx: Context) {
      const ruleId = await id(ctx);
      ctx.body = {
        data: await rules().update(ruleId, await validatePublishRule(ctx.request.body)),
      } satisfies PublishRuleResponse;
    },

    async pause(ctx: Context) {
      ctx.body = { data: await rules().pause(await id(ctx)) } satisfies PublishRuleResponse;
    },

    async resume(ctx: Context) {
      ctx.body = { data: await rules().resume(await id(ctx)) } satisfies PublishRuleResponse;
    },

    async history(ctx: Context) {
      ctx.body = { data: await rules().history(await id(ctx)) } satisfies ApiResponse<PublishRuleHistory>;
    },

    async preview(ctx: Context) {
      ctx.body = { data: await rules().preview(await id(ctx)) } satisfies ApiResponse<DigestPreview>;
    },
  };
};
