/* ui_prompt */
